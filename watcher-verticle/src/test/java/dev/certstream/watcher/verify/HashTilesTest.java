package dev.certstream.watcher.verify;

import dev.certstream.render.ct.TileDecodeResult;
import dev.certstream.render.ct.TileDecoder;
import dev.certstream.render.ct.TileEntry;
import dev.certstream.testing.TestData;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frontier from tlog-tiles hash tiles, on generated trees and on the real navigli2025h2 tiles. */
class HashTilesTest {

    /** Hash tiles of a tree made the naive way: tile (L, N) holds level-8L nodes [256N, 256N + width). */
    static HashTileSource naiveTiles(List<byte[]> leafHashes, List<String> requests) {
        return (level, index, width) -> {
            requests.add(level + "/" + index + "/" + width);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (long i = index * 256; i < index * 256 + width; i++) {
                out.writeBytes(NaiveMerkleTree.node(leafHashes, 8 * level, i));
            }
            return out.toByteArray();
        };
    }

    @Test
    void frontierFromTilesEqualsFoldingEveryLeaf() throws Exception {
        Random r = new Random(5);
        List<byte[]> d = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            byte[] h = new byte[32];
            r.nextBytes(h);
            d.add(h);
        }
        MerkleFrontier folded = MerkleFrontier.empty();
        int[] sizes = {1, 2, 3, 255, 256, 257, 511, 512, 1000, 65535, 65536, 65537, 69_999};
        int next = 0;
        for (int size : sizes) {
            while (folded.size() < size) {
                folded.append(d.get((int) folded.size()));
            }
            List<String> requests = new ArrayList<>();
            MerkleFrontier fromTiles = HashTiles.frontierAt(size, folded.root(), naiveTiles(d, requests));
            assertEquals(folded, fromTiles, "size " + size);
            assertTrue(requests.size() <= 3, "one tile per level at most: " + requests);
            next++;
        }
        assertEquals(sizes.length, next);
        // Tiles of another tree do not fold to the checkpoint's root.
        List<byte[]> other = new ArrayList<>(d);
        other.set(3, new byte[32]);
        assertThrows(ProofException.class, () -> HashTiles.frontierAt(1000, frontierOf(d, 1000).root(),
                naiveTiles(other, new ArrayList<>())));
    }

    @Test
    void navigliLeafHashesFromDataTilesAreTheLogsOwnLevel0Hashes() throws Exception {
        List<byte[]> leafHashes = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String n = String.format("%03d", t);
            byte[] data = TestData.bytes("static-ct/navigli2025h2/tile/data/" + n);
            byte[] level0 = TestData.bytes("static-ct/navigli2025h2/tile/0/" + n);
            TileDecodeResult decoded = TileDecoder.decode(data, t * 256L, 256);
            assertEquals(256, decoded.entries().size());
            for (TileEntry e : decoded.entries()) {
                byte[] hash = MerkleHash.leaf(e.merkleTreeLeaf(data));
                int at = (int) (e.index() % 256);
                assertArrayEquals(Arrays.copyOfRange(level0, at * 32, at * 32 + 32), hash, "entry " + e.index());
                assertArrayEquals(hash, MerkleHash.tileLeaf(data, e.timestampedEntryFrom(), e.timestampedEntryTo()));
                leafHashes.add(hash);
            }
        }
        // The partial tile 003.p/10 holds the first 10 entries of tile 3 and their hashes.
        byte[] partial = TestData.bytes("static-ct/navigli2025h2/tile/data/003.p/10");
        byte[] partialHashes = TestData.bytes("static-ct/navigli2025h2/tile/0/003.p/10");
        List<TileEntry> first10 = TileDecoder.decode(partial, 768, 10).entries();
        for (TileEntry e : first10) {
            int at = (int) (e.index() - 768);
            assertArrayEquals(Arrays.copyOfRange(partialHashes, at * 32, at * 32 + 32), MerkleHash.leaf(e.merkleTreeLeaf(partial)));
        }
        // The log's level-0 tiles give the same frontier as folding our leaf hashes, at a full and a partial size.
        HashTileSource fromTestdata = (level, index, width) -> {
            if (level == 0) {
                String path = "static-ct/navigli2025h2/tile/0/" + String.format("%03d", index);
                return TestData.bytes(path);
            }
            // No level-1 tile in testdata: built from the log's level-0 hashes.
            List<byte[]> l0 = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                byte[] tile = TestData.bytes("static-ct/navigli2025h2/tile/0/" + String.format("%03d", t));
                for (int i = 0; i < 256; i++) {
                    l0.add(Arrays.copyOfRange(tile, i * 32, i * 32 + 32));
                }
            }
            return naiveTiles(l0, new ArrayList<>()).tile(level, index, width);
        };
        for (int size : new int[] {10, 256, 778, 1000, 1024}) {
            MerkleFrontier folded = frontierOf(leafHashes, size);
            assertEquals(folded, HashTiles.frontierAt(size, folded.root(), fromTestdata), "size " + size);
        }
    }

    static MerkleFrontier frontierOf(List<byte[]> leafHashes, int size) {
        MerkleFrontier f = MerkleFrontier.empty();
        for (int i = 0; i < size; i++) {
            f.append(leafHashes.get(i));
        }
        return f;
    }

    @Test
    void frontierWithinALargerTreeEqualsFoldingAndReadsTheTilesItNames() throws Exception {
        Random r = new Random(9);
        List<byte[]> d = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            byte[] h = new byte[32];
            r.nextBytes(h);
            d.add(h);
        }
        long[][] cases = {{0, 10}, {1, 1}, {5, 300}, {255, 256}, {257, 600}, {1000, 1000}, {1000, 69_999},
            {65_537, 65_600}, {65_536, 69_000}, {40_000, 69_999}};
        for (long[] c : cases) {
            List<String> requests = new ArrayList<>();
            MerkleFrontier within = HashTiles.frontierWithin(c[0], c[1], naiveTiles(d, requests));
            assertEquals(MerklePropertyTest.frontierByFolding(d, (int) c[0]), within, c[0] + " within " + c[1]);
            List<String> named = HashTiles.tilesFor(c[0], c[1]).stream()
                    .map(t -> t.level() + "/" + t.index() + "/" + t.width()).toList();
            assertEquals(named, requests, "the tiles read are the tiles named, at their widths in the larger tree");
            assertTrue(requests.size() <= 3);
        }
        assertThrows(IllegalArgumentException.class, () -> HashTiles.tilesFor(11, 10));
    }
}
