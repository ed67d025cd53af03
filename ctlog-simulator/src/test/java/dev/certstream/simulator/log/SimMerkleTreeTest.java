package dev.certstream.simulator.log;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The simulator's Merkle tree against known answers re-typed from transparency-dev/merkle
 * (testonly/constants.go: LeafInputs, RootHashes, NodeHashes; testonly/reference_test.go: the
 * reference inclusion and consistency proofs).
 */
class SimMerkleTreeTest {
    private static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
        "606162636465666768696a6b6c6d6e6f"};
    private static final String[] ROOTS = {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    private final SimMerkleTree tree = new SimMerkleTree(i -> HexFormat.of().parseHex(LEAVES[(int) i]));

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(h -> HexFormat.of().formatHex(h)).toList();
    }

    @Test
    void rootsAtEverySize() {
        for (int size = 0; size <= 8; size++) {
            assertArrayEquals(HexFormat.of().parseHex(ROOTS[size]), tree.root(size), "size " + size);
        }
    }

    @Test
    void referenceProofs() {
        assertEquals(List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"), hex(tree.auditPath(1, 5)));
        assertEquals(List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), hex(tree.auditPath(5, 8)));
        assertEquals(List.of("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"), hex(tree.consistency(2, 5)));
        assertEquals(List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"), hex(tree.consistency(6, 8)));
        byte[] level0 = tree.hashTile(0, 0, 8, 8);
        assertEquals(256, level0.length);
        assertEquals(2, tree.indexOf(java.util.Arrays.copyOfRange(level0, 64, 96), 8), "leaf 2's hash is the third of the tile");
    }
}
