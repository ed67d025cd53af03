package dev.certstream.simulator;

/**
 * A request for a partial data tile, with the size of the checkpoint current when it arrived, so the
 * accounting can tell a second fetch of the same partial for the same checkpoint (impolite) from a
 * fetch of a partial a newer checkpoint made necessary.
 */
record PartialFetch(TilePath tile, long checkpointSize) {

    private static final String TILE_PREFIX = "tile/data/";

    /** The partial tile {@code subPath} of a tiled log names, or null (a full tile, another endpoint, bad path). */
    static PartialFetch of(SimulatedLog log, String subPath) {
        if (!subPath.startsWith(TILE_PREFIX)) {
            return null;
        }
        TilePath tile = TilePath.parse(subPath.substring(TILE_PREFIX.length()));
        return tile == null || tile.width() == TilePath.FULL ? null : new PartialFetch(tile, log.publishedSize());
    }
}
