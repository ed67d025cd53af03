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
        MerkleFrontier frontier = frontierWithin(size, size, tiles);
        if (!Arrays.equals(frontier.root(), root)) {
            throw new ProofException("hash tiles give root " + MerkleProofs.hex(frontier.root()) + " at size " + size
                    + ", the checkpoint says " + MerkleProofs.hex(root));
        }
        return frontier;
    }

    /**
     * The frontier at {@code size} from the hash tiles a tree of {@code treeSize} publishes (a tile that is
     * partial at {@code size} may be full, or wider, by then), not checked against any root: the caller
     * checks it when it folds on to a signed head.
     */
    public static MerkleFrontier frontierWithin(long size, long treeSize, HashTileSource tiles)
            throws IOException, ProofException {
        List<byte[]> subtrees = new ArrayList<>(Long.bitCount(size));
        long start = 0;
        byte[] tile = null;
        int tileLevel = -1;
        for (TileRef ref : tilesFor(size, treeSize)) {
            for (int h = TILE_HEIGHT * ref.level() + TILE_HEIGHT - 1; h >= TILE_HEIGHT * ref.level(); h--) {
                if ((size & (1L << h)) == 0) {
                    continue;
                }
                if (ref.level() != tileLevel) {
                    tile = tiles.tile(ref.level(), ref.index(), ref.width());
                    tileLevel = ref.level();
                    int need = (int) ((size >>> (ref.level() * TILE_HEIGHT)) % TILE_WIDTH);
                    if (tile == null || tile.length % MerkleHash.SIZE != 0 || tile.length / MerkleHash.SIZE < need) {
                        throw new ProofException("hash tile " + ref.level() + "/" + ref.index() + " has "
                                + (tile == null ? 0 : tile.length) + " bytes, need " + need + " hashes");
                    }
                }
                long first = (start >>> (ref.level() * TILE_HEIGHT)) - ref.index() * TILE_WIDTH;
                subtrees.add(perfectRoot(tile, (int) first, 1 << (h % TILE_HEIGHT)));
                start += 1L << h;
            }
        }
        return MerkleFrontier.of(size, subtrees);
    }

    /** A hash tile to read: level, index, and its width in a tree of the size it is read for. */
    public record TileRef(int level, long index, int width) {
    }

    /**
     * The hash tiles (highest level first, one per level at most) that hold the frontier at {@code size},
     * at the widths a tree of {@code treeSize} publishes them: what to fetch before {@link #frontierWithin}.
     */
    public static List<TileRef> tilesFor(long size, long treeSize) {
        if (size < 0 || treeSize < size) {
            throw new IllegalArgumentException("no frontier at " + size + " in a tree of " + treeSize);
        }
        List<TileRef> refs = new ArrayList<>();
        for (int level = (63 - Long.numberOfLeadingZeros(Math.max(size, 1))) / TILE_HEIGHT; level >= 0 && size > 0; level--) {
            long nodes = size >>> (level * TILE_HEIGHT);
            if (nodes % TILE_WIDTH == 0) {
                continue;
            }
            long index = nodes / TILE_WIDTH;
            long available = treeSize >>> (level * TILE_HEIGHT);
            refs.add(new TileRef(level, index, (int) Math.min(TILE_WIDTH, available - index * TILE_WIDTH)));
        }
        return refs;
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
