package dev.certstream.render.ct;

import java.util.List;

/**
 * What a data tile decoded to: every entry that decoded, the entries that were framed correctly but
 * invalid (each its own error), and the framing error that stopped decoding, if any.
 *
 * @param source         the tile path (or URL) named in errors
 * @param firstIndex     the index of the tile's first entry
 * @param expectedCount  how many entries the tile should hold (256, or the partial width)
 * @param entries        the good entries, in index order; never lost because a later entry broke
 * @param entryErrors    entries skipped on their own (bad leaf_index, empty certificate, ...); the
 *                       entries after them were still decoded because the framing stayed intact
 * @param framingError   null when the tile framed cleanly; otherwise where the byte stream broke
 *                       (truncation, unknown entry type, too few entries, trailing bytes). Nothing
 *                       after a break is read: without a length to trust, later boundaries are guesses
 */
public record TileDecodeResult(String source, long firstIndex, int expectedCount, List<TileEntry> entries,
                               List<EntryDecodeException> entryErrors, EntryDecodeException framingError) {

    public TileDecodeResult {
        entries = List.copyOf(entries);
        entryErrors = List.copyOf(entryErrors);
    }

    /** True when all expected entries decoded and nothing trailed. */
    public boolean complete() {
        return framingError == null && entryErrors.isEmpty();
    }

    /** How many entries were delimited before any framing break (good ones plus per-entry errors). */
    public int framedCount() {
        return entries.size() + entryErrors.size();
    }
}
