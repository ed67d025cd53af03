package dev.certstream.simulator.entry;

/**
 * The static-ct-api tile path encoding: an index in groups of three digits, every group but the
 * last prefixed with 'x' (0 -> 000, 1234 -> x001/234), and ".p/W" for a partial tile of W entries.
 *
 * @param tile  the tile index (entry index / 256)
 * @param width entries in the tile: 256 for a full tile, 1..255 for a partial one
 */
public record TilePath(long tile, int width) {

    public static final int FULL = 256;

    /** The path of this tile under {@code tile/data/}. */
    public String encode() {
        String index = encodeIndex(tile);
        return width == FULL ? index : index + ".p/" + width;
    }

    public static String encodeIndex(long n) {
        StringBuilder out = new StringBuilder(String.format("%03d", n % 1000));
        for (n /= 1000; n > 0; n /= 1000) {
            out.insert(0, String.format("x%03d/", n % 1000));
        }
        return out.toString();
    }

    /** The tile named by {@code path} (relative to tile/data/), or null unless it is in canonical form. */
    public static TilePath parse(String path) {
        int width = FULL;
        String index = path;
        int partial = path.indexOf(".p/");
        if (partial >= 0) {
            String w = path.substring(partial + 3);
            if (!w.matches("[1-9][0-9]{0,2}") || Integer.parseInt(w) >= FULL) {
                return null;
            }
            width = Integer.parseInt(w);
            index = path.substring(0, partial);
        }
        if (!index.matches("(x[0-9]{3}/)*[0-9]{3}") || index.length() > 4 * 7) {
            return null;
        }
        long n = Long.parseLong(index.replace("x", "").replace("/", ""));
        // Round-tripping rejects non-canonical forms such as x000/001 for 1.
        return encodeIndex(n).equals(index) ? new TilePath(n, width) : null;
    }
}
