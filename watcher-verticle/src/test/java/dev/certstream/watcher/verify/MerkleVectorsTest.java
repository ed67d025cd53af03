package dev.certstream.watcher.verify;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Known answers for RFC 6962 hashing and proofs. The leaves, node hashes, roots, compact trees and
 * proofs are re-typed from transparency-dev/merkle (the successor of certificate-transparency-go's
 * merkle package): testonly/constants.go (LeafInputs, NodeHashes, RootHashes, CompactTrees) and
 * testonly/reference_test.go (TestRefInclusionProof, TestRefConsistencyProof).
 */
class MerkleVectorsTest {
    static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"};
    static final String[][] NODES = {
        {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"},
        {"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"},
        {"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"},
        {"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"}};
    static final String[] ROOTS = {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
    /** CompactTrees(): the frontier at each size as (level, index) of NODES. */
    static final int[][][] COMPACT = {{}, {{0, 0}}, {{1, 0}}, {{1, 0}, {0, 2}}, {{2, 0}}, {{2, 0}, {0, 4}},
        {{2, 0}, {1, 2}}, {{2, 0}, {1, 2}, {0, 6}}, {{3, 0}}};

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    static byte[] node(int level, int index) {
        return hex(NODES[level][index]);
    }

    static List<byte[]> nodes(int[]... levelIndex) {
        List<byte[]> out = new ArrayList<>();
        for (int[] li : levelIndex) {
            out.add(node(li[0], li[1]));
        }
        return out;
    }

    @Test
    void leafHashesRootsAndFrontiersAtEverySize() {
        MerkleFrontier f = MerkleFrontier.empty();
        assertArrayEquals(hex(ROOTS[0]), f.root());
        for (int i = 0; i < LEAVES.length; i++) {
            byte[] leafHash = MerkleHash.leaf(hex(LEAVES[i]));
            assertArrayEquals(node(0, i), leafHash, "leaf " + i);
            f.append(leafHash);
            assertArrayEquals(hex(ROOTS[i + 1]), f.root(), "root at size " + (i + 1));
            List<byte[]> expected = nodes(COMPACT[i + 1]);
            List<byte[]> actual = f.subtreeHashes();
            assertEquals(expected.size(), actual.size());
            for (int k = 0; k < expected.size(); k++) {
                assertArrayEquals(expected.get(k), actual.get(k), "frontier at size " + (i + 1) + ", subtree " + k);
            }
        }
    }

    @Test
    void inclusionProofVectors() throws ProofException {
        Object[][] cases = {
            {0, 1, List.of()},
            {0, 2, nodes(new int[] {0, 1})},
            {1, 2, nodes(new int[] {0, 0})},
            {2, 3, nodes(new int[] {1, 0})},
            {1, 5, nodes(new int[] {0, 0}, new int[] {1, 1}, new int[] {0, 4})},
            {0, 8, nodes(new int[] {0, 1}, new int[] {1, 1}, new int[] {2, 1})},
            {5, 8, nodes(new int[] {0, 4}, new int[] {1, 3}, new int[] {2, 0})},
        };
        for (Object[] c : cases) {
            int index = (int) c[0];
            int size = (int) c[1];
            @SuppressWarnings("unchecked")
            List<byte[]> proof = (List<byte[]>) c[2];
            MerkleFrontier f = MerkleProofs.frontierFromInclusion(index, size, node(0, index), proof, hex(ROOTS[size]));
            assertEquals(index, f.size());
            for (int k = 0; k < COMPACT[index].length; k++) {
                assertArrayEquals(nodes(COMPACT[index]).get(k), f.subtreeHashes().get(k), index + "/" + size);
            }
            // The same proof for another leaf, or against another root, fails.
            int other = (index + 1) % size;
            if (other != index) {
                assertThrows(ProofException.class,
                        () -> MerkleProofs.verifyInclusion(index, size, node(0, other), proof, hex(ROOTS[size])));
            }
            assertThrows(ProofException.class,
                    () -> MerkleProofs.verifyInclusion(index, size, node(0, index), proof, hex(ROOTS[size - 1 == 0 ? 2 : size - 1])));
        }
    }

    @Test
    void consistencyProofVectors() throws ProofException {
        Object[][] cases = {
            {1, 8, nodes(new int[] {0, 1}, new int[] {1, 1}, new int[] {2, 1})},
            {2, 5, nodes(new int[] {1, 1}, new int[] {0, 4})},
            {6, 8, nodes(new int[] {1, 2}, new int[] {1, 3}, new int[] {2, 0})},
        };
        for (Object[] c : cases) {
            int size1 = (int) c[0];
            int size2 = (int) c[1];
            @SuppressWarnings("unchecked")
            List<byte[]> proof = (List<byte[]>) c[2];
            MerkleFrontier f = MerkleProofs.frontierFromConsistency(size1, size2, hex(ROOTS[size1]), hex(ROOTS[size2]), proof);
            assertEquals(size1, f.size());
            assertArrayEquals(hex(ROOTS[size1]), f.root());
            for (int k = 0; k < COMPACT[size1].length; k++) {
                assertArrayEquals(nodes(COMPACT[size1]).get(k), f.subtreeHashes().get(k));
            }
            assertThrows(ProofException.class,
                    () -> MerkleProofs.verifyConsistency(size1, size2, hex(ROOTS[size1]), hex(ROOTS[size2 - 1]), proof));
            assertThrows(ProofException.class,
                    () -> MerkleProofs.verifyConsistency(size1, size2, hex(ROOTS[size1 - 1]), hex(ROOTS[size2]), proof));
            assertThrows(ProofException.class,
                    () -> MerkleProofs.verifyConsistency(size1, size2, hex(ROOTS[size1]), hex(ROOTS[size2]), proof.subList(1, proof.size())));
        }
        MerkleProofs.verifyConsistency(1, 1, hex(ROOTS[1]), hex(ROOTS[1]), List.of());
        assertThrows(ProofException.class, () -> MerkleProofs.verifyConsistency(3, 3, hex(ROOTS[3]), hex(ROOTS[4]), List.of()));
    }

    @Test
    void serializedFrontierRoundTrips() {
        MerkleFrontier f = MerkleFrontier.empty();
        for (String leaf : LEAVES) {
            f.append(MerkleHash.leaf(hex(leaf)));
            MerkleFrontier back = MerkleFrontier.deserialize(f.serialize());
            assertEquals(f, back);
            assertArrayEquals(f.root(), back.root());
            assertEquals(f, MerkleFrontier.fromBase64(f.toBase64()));
        }
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.deserialize(new byte[9]));
        // size 3 needs two hashes
        assertThrows(IllegalArgumentException.class, () -> MerkleFrontier.of(3, List.of(node(0, 0))));
    }
}
