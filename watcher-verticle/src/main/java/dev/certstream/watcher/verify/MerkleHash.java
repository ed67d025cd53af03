package dev.certstream.watcher.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing with SHA-256: a leaf is hashed as SHA-256(0x00 || leaf), an
 * inner node as SHA-256(0x01 || left || right), and the empty tree's root is SHA-256 of nothing.
 */
public final class MerkleHash {
    /** Bytes of every hash in the tree. */
    public static final int SIZE = 32;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    });

    private MerkleHash() {
    }

    /** The leaf hash of a MerkleTreeLeaf (an RFC 6962 entry's raw {@code leaf_input}). */
    public static byte[] leaf(byte[] merkleTreeLeaf) {
        return leaf(merkleTreeLeaf, 0, merkleTreeLeaf.length);
    }

    /** The leaf hash of the MerkleTreeLeaf in {@code bytes[from, to)}. */
    public static byte[] leaf(byte[] bytes, int from, int to) {
        MessageDigest md = SHA256.get();
        md.update((byte) 0x00);
        md.update(bytes, from, to - from);
        return md.digest();
    }

    /**
     * The leaf hash of a static-ct-api tile entry from the TimestampedEntry bytes in {@code tile[from, to)}:
     * the MerkleTreeLeaf is version 0 and leaf type 0 followed by them, so nothing is copied or re-encoded.
     */
    public static byte[] tileLeaf(byte[] tile, int from, int to) {
        MessageDigest md = SHA256.get();
        md.update(new byte[] {0x00, 0x00, 0x00});
        md.update(tile, from, to - from);
        return md.digest();
    }

    /** The hash of an inner node. */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest md = SHA256.get();
        md.update((byte) 0x01);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** The root of the empty tree. */
    public static byte[] empty() {
        return SHA256.get().digest();
    }

    static void requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != SIZE) {
            throw new IllegalArgumentException(what + " is not a " + SIZE + "-byte hash");
        }
    }
}
