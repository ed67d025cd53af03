package dev.certstream.watcher.verify;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The right edge of a growing Merkle tree (a compact range from index 0): the roots of the perfect
 * subtrees that cover the leaves [0, size), largest first, one per set bit of {@code size}. Leaf hashes
 * are folded in one by one and the root of the tree of the current size is available at any time, so a
 * follower that reads every entry can check each signed head it reaches with at most 64 hashes kept.
 * Not thread-safe; a follower keeps one per log.
 */
public final class MerkleFrontier {
    private long size;
    /** hashes[i] covers 2^h leaves, for the set bits h of size from the highest down. */
    private final List<byte[]> hashes;

    private MerkleFrontier(long size, List<byte[]> hashes) {
        this.size = size;
        this.hashes = hashes;
    }

    /** The frontier of the empty tree (a follower that starts at index 0). */
    public static MerkleFrontier empty() {
        return new MerkleFrontier(0, new ArrayList<>());
    }

    /**
     * The frontier at {@code size} from the subtree hashes that cover [0, size), largest first (as an
     * inclusion proof, a consistency proof or hash tiles give them).
     *
     * @throws IllegalArgumentException when the count is not the number of set bits of size
     */
    public static MerkleFrontier of(long size, List<byte[]> subtreeHashes) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        if (subtreeHashes.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a frontier at size " + size + " has " + Long.bitCount(size)
                    + " hashes, got " + subtreeHashes.size());
        }
        List<byte[]> copy = new ArrayList<>(subtreeHashes.size());
        for (byte[] h : subtreeHashes) {
            MerkleHash.requireHash(h, "subtree hash");
            copy.add(h.clone());
        }
        return new MerkleFrontier(size, copy);
    }

    /** The number of leaves folded in (the index of the next leaf). */
    public long size() {
        return size;
    }

    /** Folds in the hash of leaf {@code size()}. */
    public void append(byte[] leafHash) {
        MerkleHash.requireHash(leafHash, "leaf hash");
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree full");
        }
        byte[] carry = leafHash.clone();
        // Each trailing one bit of size is a perfect subtree of the same height as the carry: merge them.
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            carry = MerkleHash.node(hashes.remove(hashes.size() - 1), carry);
        }
        hashes.add(carry);
        size++;
    }

    /** The root of the tree of {@link #size()} leaves (RFC 6962 MTH). */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return MerkleHash.empty();
        }
        byte[] r = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            r = MerkleHash.node(hashes.get(i), r);
        }
        return r;
    }

    /** The subtree hashes, largest first (copies). */
    public List<byte[]> subtreeHashes() {
        List<byte[]> out = new ArrayList<>(hashes.size());
        hashes.forEach(h -> out.add(h.clone()));
        return out;
    }

    public MerkleFrontier copy() {
        return of(size, hashes);
    }

    /** Compact form for saved progress: the 8-byte size, then each hash (at most 8 + 64 * 32 bytes). */
    public byte[] serialize() {
        ByteBuffer b = ByteBuffer.allocate(8 + hashes.size() * MerkleHash.SIZE).putLong(size);
        hashes.forEach(b::put);
        return b.array();
    }

    /** The inverse of {@link #serialize()}; throws IllegalArgumentException on anything else. */
    public static MerkleFrontier deserialize(byte[] bytes) {
        if (bytes.length < 8 || (bytes.length - 8) % MerkleHash.SIZE != 0) {
            throw new IllegalArgumentException("a serialized frontier is 8 + 32n bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long size = b.getLong();
        List<byte[]> hashes = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] h = new byte[MerkleHash.SIZE];
            b.get(h);
            hashes.add(h);
        }
        return of(size, hashes);
    }

    /** {@link #serialize()} as base64, for JSON progress records. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(serialize());
    }

    public static MerkleFrontier fromBase64(String text) {
        return deserialize(Base64.getDecoder().decode(text));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MerkleFrontier f && Arrays.equals(serialize(), f.serialize());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(serialize());
    }

    @Override
    public String toString() {
        return "MerkleFrontier[size=" + size + ", " + hashes.size() + " subtrees]";
    }
}
