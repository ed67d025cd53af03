package dev.certstream.render.ct;

import java.util.HexFormat;

/**
 * Resource paths of a tiled (static-ct-api / tlog-tiles) log: the three-digit tile index encoding,
 * data, hash and partial tiles, issuers, and their URLs under a monitoring prefix.
 */
public final class TilePath {

    /** Entries (or hashes) in a full tile, fixed by the spec. */
    public static final int TILE_WIDTH = 256;

    private static final int HIGHEST_LEVEL = 5;

    private TilePath() {
    }

    /** The tile index as path elements: 0 → {@code 000}, 1234 → {@code x001/234}, 1234067 → {@code x001/x234/067}. */
    public static String encodeIndex(long tileIndex) {
        if (tileIndex < 0) {
            throw new IllegalArgumentException("negative tile index " + tileIndex);
        }
        StringBuilder path = new StringBuilder(threeDigits(tileIndex % 1000));
        for (long rest = tileIndex / 1000; rest > 0; rest /= 1000) {
            path.insert(0, 'x' + threeDigits(rest % 1000) + '/');
        }
        return path.toString();
    }

    /** {@code tile/data/<N>} for a full tile (width 256), {@code tile/data/<N>.p/<W>} for a partial one. */
    public static String dataTile(long tileIndex, int width) {
        return "tile/data/" + encodeIndex(tileIndex) + partialSuffix(width);
    }

    /** {@code tile/<L>/<N>[.p/<W>]}: a Merkle tree hash tile at level 0..5. */
    public static String hashTile(int level, long tileIndex, int width) {
        if (level < 0 || level > HIGHEST_LEVEL) {
            throw new IllegalArgumentException("tile level " + level + " outside 0.." + HIGHEST_LEVEL);
        }
        return "tile/" + level + "/" + encodeIndex(tileIndex) + partialSuffix(width);
    }

    /** {@code issuer/<lowercase hex SHA-256>} of a chain certificate. */
    public static String issuer(byte[] fingerprint) {
        if (fingerprint.length != 32) {
            throw new IllegalArgumentException("issuer fingerprint of " + fingerprint.length + " bytes, not 32");
        }
        return "issuer/" + HexFormat.of().formatHex(fingerprint);
    }

    /** The index of the data tile that holds an entry. */
    public static long tileIndex(long entryIndex) {
        if (entryIndex < 0) {
            throw new IllegalArgumentException("negative entry index " + entryIndex);
        }
        return entryIndex / TILE_WIDTH;
    }

    /** The index of a tile's first entry. */
    public static long firstIndex(long tileIndex) {
        if (tileIndex < 0) {
            throw new IllegalArgumentException("negative tile index " + tileIndex);
        }
        return Math.multiplyExact(tileIndex, (long) TILE_WIDTH);
    }

    /** How many entries of a data tile exist in a tree of {@code treeSize}: 256, or the partial width. */
    public static int widthAt(long tileIndex, long treeSize) {
        long available = treeSize - firstIndex(tileIndex);
        if (available <= 0) {
            throw new IllegalArgumentException("tile " + tileIndex + " is empty in a tree of size " + treeSize);
        }
        return (int) Math.min(TILE_WIDTH, available);
    }

    /** A resource URL under a monitoring prefix, which must end in '/' as the log list gives it. */
    public static String url(String monitoringPrefix, String path) {
        if (!monitoringPrefix.endsWith("/")) {
            throw new IllegalArgumentException("monitoring prefix must end in '/': " + monitoringPrefix);
        }
        return monitoringPrefix + path;
    }

    private static String partialSuffix(int width) {
        if (width < 1 || width > TILE_WIDTH) {
            throw new IllegalArgumentException("tile width " + width + " outside 1.." + TILE_WIDTH);
        }
        return width == TILE_WIDTH ? "" : ".p/" + width;
    }

    private static String threeDigits(long value) {
        return String.format("%03d", value);
    }
}
