package dev.certstream.watcher.verify;

import java.io.IOException;

/** Where {@link HashTiles} gets the tlog-tiles hash tiles of a log ({@code tile/<L>/<N>[.p/<W>]}). */
@FunctionalInterface
public interface HashTileSource {
    /**
     * The hashes of tile {@code index} at {@code level}, concatenated, at least {@code width} of them:
     * the partial tile of that width, or the full tile once it exists (partial tiles may vanish).
     */
    byte[] tile(int level, long index, int width) throws IOException;
}
