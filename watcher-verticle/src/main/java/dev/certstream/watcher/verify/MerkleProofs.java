package dev.certstream.watcher.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Verification of RFC 6962 audit paths (inclusion proofs, RFC 9162 section 2.1.3.2) and consistency
 * proofs (section 2.1.4.2), and the Merkle frontier either proof reveals: the left siblings met on the
 * way up are exactly the perfect subtrees that cover the leaves before the proven one.
 */
public final class MerkleProofs {
    /** Longer proofs cannot exist for trees of at most 2^63 leaves (one node per level, plus one). */
    private static final int MAX_PROOF = 65;

    private MerkleProofs() {
    }

    /** Checks that {@code leafHash} is leaf {@code index} of the tree of {@code treeSize} leaves with {@code root}. */
    public static void verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws ProofException {
        frontierFromInclusion(index, treeSize, leafHash, proof, root);
    }

    /**
     * Verifies an inclusion proof and returns the frontier at {@code index} (covering [0, index)); append
     * {@code leafHash} to it to continue from {@code index + 1}.
     */
    public static MerkleFrontier frontierFromInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof,
                                                       byte[] root) throws ProofException {
        MerkleHash.requireHash(leafHash, "leaf hash");
        MerkleHash.requireHash(root, "root");
        if (index < 0 || index >= treeSize) {
            throw new ProofException("leaf " + index + " is not in a tree of " + treeSize);
        }
        checkLength(proof);
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        List<byte[]> left = new ArrayList<>();
        for (byte[] p : proof) {
            MerkleHash.requireHash(p, "proof node");
            if (sn == 0) {
                throw new ProofException("inclusion proof has " + proof.size() + " nodes, more than the tree's height");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.node(p, r);
                left.add(p);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = MerkleHash.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofException("inclusion proof has " + proof.size() + " nodes, too few for leaf " + index
                    + " of " + treeSize);
        }
        if (!Arrays.equals(r, root)) {
            throw new ProofException("inclusion proof of leaf " + index + " gives root " + hex(r) + ", not " + hex(root));
        }
        Collections.reverse(left);
        return frontier(index, left);
    }

    /** Checks that the tree of {@code size2} leaves with {@code root2} extends the one of {@code size1} with {@code root1}. */
    public static void verifyConsistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
            throws ProofException {
        if (size1 == size2 && size1 > 0) {
            MerkleHash.requireHash(root1, "first root");
            if (!proof.isEmpty() || !Arrays.equals(root1, root2)) {
                throw new ProofException("two heads of size " + size1 + " need equal roots and an empty proof");
            }
            return;
        }
        frontierFromConsistency(size1, size2, root1, root2, proof);
    }

    /**
     * Verifies a consistency proof and returns the frontier at {@code size1}: a follower that starts at a
     * signed head of size1 gets what it needs to fold in leaves from there. Needs {@code size1 < size2}.
     */
    public static MerkleFrontier frontierFromConsistency(long size1, long size2, byte[] root1, byte[] root2,
                                                         List<byte[]> proof) throws ProofException {
        MerkleHash.requireHash(root1, "first root");
        MerkleHash.requireHash(root2, "second root");
        if (size1 < 0 || size2 < size1) {
            throw new ProofException("no consistency from " + size1 + " to " + size2);
        }
        checkLength(proof);
        if (size1 == size2 && size1 > 0) {
            throw new ProofException("a proof between two heads of size " + size1 + " holds no frontier");
        }
        if (size1 == 0) {
            if (!proof.isEmpty()) {
                throw new ProofException("consistency with the empty tree needs an empty proof");
            }
            return MerkleFrontier.empty();
        }
        if (proof.isEmpty()) {
            throw new ProofException("empty consistency proof from " + size1 + " to " + size2);
        }
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(size1) == 1) {
            path.add(root1);
        }
        for (byte[] p : proof) {
            MerkleHash.requireHash(p, "proof node");
            path.add(p);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        List<byte[]> left = new ArrayList<>();
        left.add(path.get(0));
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new ProofException("consistency proof from " + size1 + " to " + size2 + " is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                left.add(c);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = MerkleHash.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new ProofException("consistency proof from " + size1 + " to " + size2 + " is too short");
        }
        if (!Arrays.equals(fr, root1)) {
            throw new ProofException("consistency proof gives " + hex(fr) + " for size " + size1 + ", signed root is " + hex(root1));
        }
        if (!Arrays.equals(sr, root2)) {
            throw new ProofException("consistency proof gives " + hex(sr) + " for size " + size2 + ", signed root is " + hex(root2));
        }
        Collections.reverse(left);
        return frontier(size1, left);
    }

    private static MerkleFrontier frontier(long size, List<byte[]> largestFirst) throws ProofException {
        if (largestFirst.size() != Long.bitCount(size)) {
            // Cannot happen for a proof that verified; kept as a guard against a mistake here.
            throw new ProofException("proof gave " + largestFirst.size() + " subtrees for size " + size);
        }
        return MerkleFrontier.of(size, largestFirst);
    }

    private static void checkLength(List<byte[]> proof) throws ProofException {
        if (proof.size() > MAX_PROOF) {
            throw new ProofException("proof of " + proof.size() + " nodes is longer than any tree allows");
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
