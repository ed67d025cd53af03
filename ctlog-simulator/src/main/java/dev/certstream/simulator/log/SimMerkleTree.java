package dev.certstream.simulator.log;

import dev.certstream.simulator.entry.Bytes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A simulated log's real RFC 6962 Merkle tree: every complete subtree's hash is kept by level (about
 * 64 bytes per entry), so roots, audit paths, consistency proofs and tlog-tiles hash tiles of any size
 * the log has reached are read from it. Leaves are hashed lazily, when a size is first asked for.
 * Written apart from the watcher's verification code on purpose: each checks the other. Thread-safe.
 */
public final class SimMerkleTree {
    private final LongFunction<byte[]> merkleTreeLeaf;
    /** levels.get(h).get(i): hash of the complete subtree of 2^h leaves starting at leaf i * 2^h. */
    private final List<List<byte[]>> levels = new ArrayList<>();
    private final Map<ByteBuffer, Long> indexByLeafHash = new HashMap<>();

    /** @param merkleTreeLeaf the MerkleTreeLeaf bytes of the entry at an index */
    SimMerkleTree(LongFunction<byte[]> merkleTreeLeaf) {
        this.merkleTreeLeaf = merkleTreeLeaf;
        levels.add(new ArrayList<>());
    }

    /** Hashes leaves until the tree holds {@code size}. */
    synchronized void ensure(long size) {
        List<byte[]> leaves = levels.get(0);
        while (leaves.size() < size) {
            long index = leaves.size();
            byte[] hash = Bytes.sha256(concat(new byte[] {0}, merkleTreeLeaf.apply(index)));
            indexByLeafHash.putIfAbsent(ByteBuffer.wrap(hash), index);
            leaves.add(hash);
            for (int h = 0; levels.get(h).size() % 2 == 0; h++) {
                List<byte[]> level = levels.get(h);
                if (levels.size() == h + 1) {
                    levels.add(new ArrayList<>());
                }
                levels.get(h + 1).add(node(level.get(level.size() - 2), level.get(level.size() - 1)));
            }
        }
    }

    /** MTH of the first {@code size} leaves. */
    synchronized byte[] root(long size) {
        ensure(size);
        return size == 0 ? Bytes.sha256(new byte[0]) : range(0, size);
    }

    /** The first index whose leaf hash this is, among the first {@code size}; -1 when none. */
    public synchronized long indexOf(byte[] leafHash, long size) {
        ensure(size);
        Long index = indexByLeafHash.get(ByteBuffer.wrap(leafHash));
        return index == null || index >= size ? -1 : index;
    }

    /** RFC 6962 PATH(m, D[0:size]). */
    public synchronized List<byte[]> auditPath(long m, long size) {
        ensure(size);
        List<byte[]> path = new ArrayList<>();
        path(m, 0, size, path);
        return path;
    }

    private void path(long m, long from, long to, List<byte[]> out) {
        long n = to - from;
        if (n <= 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m < k) {
            path(m, from, from + k, out);
            out.add(range(from + k, to));
        } else {
            path(m - k, from + k, to, out);
            out.add(range(from, from + k));
        }
    }

    /** RFC 6962 PROOF(m, D[0:size]) for 0 < m < size. */
    public synchronized List<byte[]> consistency(long m, long size) {
        ensure(size);
        List<byte[]> proof = new ArrayList<>();
        subproof(m, 0, size, true, proof);
        return proof;
    }

    private void subproof(long m, long from, long to, boolean complete, List<byte[]> out) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(range(from, to));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            subproof(m, from, from + k, complete, out);
            out.add(range(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, out);
            out.add(range(from, from + k));
        }
    }

    /** Hashes {@code [256 * index, 256 * index + width)} of tree level {@code 8 * level}, concatenated. */
    public synchronized byte[] hashTile(int level, long index, int width, long size) {
        ensure(size);
        int h = 8 * level;
        if (h >= levels.size()) {
            return null;
        }
        List<byte[]> nodes = levels.get(h);
        long first = index * 256;
        if (first + width > nodes.size()) {
            return null;
        }
        byte[] out = new byte[32 * width];
        for (int i = 0; i < width; i++) {
            System.arraycopy(nodes.get((int) (first + i)), 0, out, 32 * i, 32);
        }
        return out;
    }

    /** MTH(D[from:to]) from the stored complete subtrees. */
    private byte[] range(long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return levels.get(Long.numberOfTrailingZeros(n)).get((int) (from / n));
        }
        long k = Long.highestOneBit(n - 1);
        return node(range(from, from + k), range(from + k, to));
    }

    private static byte[] node(byte[] left, byte[] right) {
        return Bytes.sha256(concat(new byte[] {1}, left, right));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
