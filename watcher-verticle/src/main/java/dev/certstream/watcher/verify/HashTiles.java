package dev.certstream.watcher.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle frontier of a tiled log at a checkpoint's size, from its hash tiles (C2SP tlog-tiles: a tile
 * at level L holds up to 256 hashes of the tree's level 8L). Every subtree of the frontier lies in the
 * rightmost tile of its level, so at most one (partial) tile per level is read: about 3 requests for a
 * log of a billion entries. The result is checked against the checkpoint's root before it is returned.
 */
public final class HashTiles {
    private static final int TILE_HEIGHT = 8;
    private static final int TILE_WIDTH = 1 << TILE_HEIGHT;

    private HashTiles() {
    }

    /**
     * @param size the checkpoint's tree size
     * @param root the checkpoint's root hash (verified: a frontier that does not fold to it is refused)
     */
    public static MerkleFrontier frontierAt(long size, byte[] root, HashTileSource tiles) throws IOException, ProofException {
        MerkleHash.requireHash(root, "root");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        List<byte[]> subtrees = new ArrayList<>(Long.bitCount(size));
        long start = 0;
        byte[] tile = null;
        int tileLevel = -1;
        for (int h = 63 - Long.numberOfLeadingZeros(Math.max(size, 1)); h >= 0 && size > 0; h--) {
            if ((size & (1L << h)) == 0) {
                continue;
            }
            int level = h / TILE_HEIGHT;
            int height = h % TILE_HEIGHT;
            long nodesAtLevel = size >>> (level * TILE_HEIGHT);
            long tileIndex = nodesAtLevel / TILE_WIDTH;
            int width = (int) (nodesAtLevel % TILE_WIDTH);
            if (level != tileLevel) {
                tile = tiles.tile(level, tileIndex, width);
                tileLevel = level;
                if (tile == null || tile.length % MerkleHash.SIZE != 0 || tile.length / MerkleHash.SIZE < width) {
                    throw new ProofException("hash tile " + level + "/" + tileIndex + " has "
                            + (tile == null ? 0 : tile.length) + " bytes, need " + width + " hashes");
                }
            }
            long first = (start >>> (level * TILE_HEIGHT)) - tileIndex * TILE_WIDTH;
            subtrees.add(perfectRoot(tile, (int) first, 1 << height));
            start += 1L << h;
        }
        MerkleFrontier frontier = MerkleFrontier.of(size, subtrees);
        if (!Arrays.equals(frontier.root(), root)) {
            throw new ProofException("hash tiles give root " + MerkleProofs.hex(frontier.root()) + " at size " + size
                    + ", the checkpoint says " + MerkleProofs.hex(root));
        }
        return frontier;
    }

    /** The root of the perfect subtree over {@code count} (a power of two) consecutive hashes of a tile. */
    static byte[] perfectRoot(byte[] tile, int first, int count) {
        List<byte[]> level = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            level.add(Arrays.copyOfRange(tile, i * MerkleHash.SIZE, (i + 1) * MerkleHash.SIZE));
        }
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(MerkleHash.node(level.get(i), level.get(i + 1)));
            }
            level = up;
        }
        return level.get(0);
    }
}
