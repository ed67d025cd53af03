package dev.certstream.watcher.follow;

/**
 * How far a tailing tiled reader follows a checkpoint into a partial tile: the head is held back to the
 * last full tile for {@code waitMs} after a tile is first seen partial, and on a log that ignores Range
 * (where every partial read fetches the whole prefix again) partial reads of one tile are spaced by at
 * least {@code wholeIntervalMs}. A checkpoint that ends in a partial tile is otherwise followed at once:
 * only a newer checkpoint makes another partial read, and it asks only for the bytes not held yet.
 * The first head is never held back (it decides where a new log starts), and what was followed is never
 * taken back (holding back must not look like a shrinking tree). Not thread-safe: one reader owns it.
 */
public final class PartialTileGate {

    private final long waitMs;
    private final long wholeIntervalMs;
    private long lastReturned = -1;
    private long partialTile = -1;
    private long partialSinceMs;
    private long partialReadMs;

    public PartialTileGate(long waitMs, long wholeIntervalMs) {
        this.waitMs = waitMs;
        this.wholeIntervalMs = wholeIntervalMs;
    }

    /** The tree size to follow for a checkpoint of {@code size}. */
    long followable(long size, boolean rangeServed, long nowMs) {
        if (lastReturned < 0) {
            lastReturned = size;
            return size;
        }
        if (size < lastReturned) {
            return size; // the checkpoint really is smaller than one we followed: let the follower report it
        }
        long full = size - size % TiledReader.TILE_WIDTH;
        long held = size;
        if (full != size) {
            long tile = size / TiledReader.TILE_WIDTH;
            if (tile != partialTile) {
                partialTile = tile;
                partialSinceMs = nowMs;
                partialReadMs = Long.MIN_VALUE / 2;
            }
            boolean waiting = nowMs - partialSinceMs < waitMs;
            boolean spaced = !rangeServed && nowMs - partialReadMs < wholeIntervalMs;
            if (waiting || spaced) {
                held = full;
            } else if (size > lastReturned) {
                partialReadMs = nowMs;
            }
        }
        lastReturned = Math.max(lastReturned, held);
        return lastReturned;
    }
}
