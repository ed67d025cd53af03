package dev.certstream.watcher.verify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The frontier and the proof checks against {@link NaiveMerkleTree}, on seeded random trees. */
class MerklePropertyTest {

    private static List<byte[]> leaves(Random r, int n) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] leaf = new byte[r.nextInt(40)];
            r.nextBytes(leaf);
            out.add(NaiveMerkleTree.leafHash(leaf));
        }
        return out;
    }

    @Test
    void frontierRootEqualsTheDefinitionAtEverySize() {
        List<byte[]> d = leaves(new Random(1), 300);
        MerkleFrontier f = MerkleFrontier.empty();
        for (int n = 0; n <= d.size(); n++) {
            assertArrayEquals(NaiveMerkleTree.root(d.subList(0, n)), f.root(), "size " + n);
            if (n < d.size()) {
                f.append(d.get(n));
            }
        }
    }

    @Test
    void everyInclusionProofOfSmallTreesVerifiesAndGivesTheFrontier() throws ProofException {
        List<byte[]> d = leaves(new Random(2), 70);
        for (int n = 1; n <= d.size(); n++) {
            byte[] root = NaiveMerkleTree.root(d.subList(0, n));
            for (int m = 0; m < n; m++) {
                List<byte[]> path = NaiveMerkleTree.path(m, d.subList(0, n));
                MerkleFrontier f = MerkleProofs.frontierFromInclusion(m, n, d.get(m), path, root);
                assertEquals(frontierByFolding(d, m), f, "leaf " + m + " of " + n);
                int mm = m;
                int nn = n;
                if (!path.isEmpty()) {
                    List<byte[]> bad = new ArrayList<>(path);
                    byte[] flipped = bad.get(bad.size() - 1).clone();
                    flipped[0] ^= 1;
                    bad.set(bad.size() - 1, flipped);
                    assertThrows(ProofException.class, () -> MerkleProofs.verifyInclusion(mm, nn, d.get(mm), bad, root));
                    assertThrows(ProofException.class, () -> MerkleProofs.verifyInclusion(mm, nn, d.get(mm),
                            path.subList(0, path.size() - 1), root));
                }
                List<byte[]> longer = new ArrayList<>(path);
                longer.add(d.get(0));
                assertThrows(ProofException.class, () -> MerkleProofs.verifyInclusion(mm, nn, d.get(mm), longer, root));
            }
        }
    }

    @Test
    void everyConsistencyProofOfSmallTreesVerifiesAndGivesTheFrontier() throws ProofException {
        List<byte[]> d = leaves(new Random(3), 70);
        for (int n = 1; n <= d.size(); n++) {
            byte[] root2 = NaiveMerkleTree.root(d.subList(0, n));
            for (int m = 1; m < n; m++) {
                byte[] root1 = NaiveMerkleTree.root(d.subList(0, m));
                List<byte[]> proof = NaiveMerkleTree.consistency(m, d.subList(0, n));
                MerkleFrontier f = MerkleProofs.frontierFromConsistency(m, n, root1, root2, proof);
                assertEquals(frontierByFolding(d, m), f, m + " -> " + n);
                int mm = m;
                int nn = n;
                List<byte[]> bad = new ArrayList<>(proof);
                byte[] flipped = bad.get(0).clone();
                flipped[31] ^= 0x80;
                bad.set(0, flipped);
                assertThrows(ProofException.class, () -> MerkleProofs.verifyConsistency(mm, nn, root1, root2, bad));
                // A log that rewrote leaf 0 after size m: the new root is not consistent with the old one.
                List<byte[]> forked = new ArrayList<>(d.subList(0, n));
                forked.set(0, NaiveMerkleTree.leafHash(new byte[] {9}));
                assertThrows(ProofException.class, () -> MerkleProofs.verifyConsistency(mm, nn, root1,
                        NaiveMerkleTree.root(forked), NaiveMerkleTree.consistency(mm, forked)));
            }
        }
    }

    @Test
    void randomLargeTreesAgreeWithTheDefinition() throws ProofException {
        Random r = new Random(4);
        List<byte[]> d = leaves(r, 3000);
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + r.nextInt(d.size());
            int m = r.nextInt(n);
            List<byte[]> tree = d.subList(0, n);
            byte[] root = NaiveMerkleTree.root(tree);
            MerkleFrontier f = MerkleProofs.frontierFromInclusion(m, n, d.get(m), NaiveMerkleTree.path(m, tree), root);
            assertEquals(frontierByFolding(d, m), f);
            if (m > 0) {
                MerkleProofs.verifyConsistency(m, n, NaiveMerkleTree.root(d.subList(0, m)), root, NaiveMerkleTree.consistency(m, tree));
            }
            // Starting from the proof's frontier and folding in the rest reaches the signed root.
            f.append(d.get(m));
            for (int i = m + 1; i < n; i++) {
                f.append(d.get(i));
            }
            assertArrayEquals(root, f.root());
        }
    }

    static MerkleFrontier frontierByFolding(List<byte[]> d, int size) {
        MerkleFrontier f = MerkleFrontier.empty();
        for (int i = 0; i < size; i++) {
            f.append(d.get(i));
        }
        return f;
    }
}
