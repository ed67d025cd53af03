package dev.certstream.simulator;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Where a simulated log's entries come from: generated from the pool, or replayed from files. */
interface EntrySource {

    /** The entry at {@code index} (which must be below the log's size): the same bytes on every call. */
    SimulatedEntry entry(long index);

    /** Whether the entry at {@code index} holds garbage certificate bytes. */
    boolean isCorrupt(long index);

    /** The tree size the log starts with when the configuration asks for {@code configured}. */
    long initialSize(long configured);

    /**
     * The largest tree size this source can publish that is at most {@code wanted}: replayed logs
     * cannot outgrow their files, and replayed tiles only exist for certain sizes.
     */
    long clampSize(long wanted);

    /** The certificates get-roots lists (DER). */
    List<byte[]> roots();

    /** The DER of the chain certificate with this SHA-256 (lowercase hex), or null when unknown. */
    byte[] issuer(String sha256Hex);

    /**
     * The body of data tile {@code tile} holding its first {@code width} entries (256 = full), or
     * null when the source has no such tile. Generated sources build it from their entries.
     */
    default byte[] dataTile(long tile, int width) {
        return tileOf(this::entry, tile, width);
    }

    /** Data tile {@code tile} of its first {@code width} entries, built from what {@code entries} gives. */
    static byte[] tileOf(java.util.function.LongFunction<SimulatedEntry> entries, long tile, int width) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * 1800);
        long first = tile * TilePath.FULL;
        for (int i = 0; i < width; i++) {
            CtEncoding.writeTileLeaf(out, entries.apply(first + i));
        }
        return out.toByteArray();
    }
}
