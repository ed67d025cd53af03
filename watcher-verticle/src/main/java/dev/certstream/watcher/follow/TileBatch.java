package dev.certstream.watcher.follow;

import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.render.ct.EntryDecodeException;
import dev.certstream.render.ct.Fingerprint;
import dev.certstream.render.ct.TileDecodeResult;
import dev.certstream.render.ct.TileDecoder;
import dev.certstream.render.ct.TileEntry;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.verify.MerkleHash;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tile half of reading a static-ct-api log: the entries of one requested range decoded straight from
 * the data tile's bytes, the issuers they name, and their rendering once those issuers are fetched (a
 * missing issuer is left out of the chain), each entry on its own.
 */
final class TileBatch {

    private final long start;
    private final int count;
    private final List<TileEntry> entries;
    /** Each requested entry's Merkle leaf hash, by position in the range (null where the entry broke). */
    private final byte[][] leafHashes;
    private final List<SkippedEntry> skipped;
    private final Set<Fingerprint> issuers;
    private final String certLink;
    private final boolean clean;

    private TileBatch(long start, int count, List<TileEntry> entries, byte[][] leafHashes, List<SkippedEntry> skipped,
                      Set<Fingerprint> issuers, String certLink, boolean clean) {
        this.start = start;
        this.count = count;
        this.entries = entries;
        this.leafHashes = leafHashes;
        this.skipped = skipped;
        this.issuers = issuers;
        this.certLink = certLink;
        this.clean = clean;
    }

    /**
     * Decodes the requested part of a data tile, or of its rest from some entry on (what a 206 answer to a
     * Range request holds); the batch covers fewer indices than asked when the framing broke (the rest is
     * read again).
     *
     * @param bytes      the tile's bytes from the entry at {@code firstIndex} to its end
     * @param firstIndex the index of the first entry in {@code bytes}
     * @param held       how many entries {@code bytes} holds (to the end of a full or partial tile)
     */
    static TileBatch decode(byte[] bytes, long firstIndex, int held, EntryRange range, String url) {
        TileDecodeResult result = TileDecoder.decode(url, bytes, firstIndex, held);
        List<TileEntry> entries = new ArrayList<>();
        Set<Fingerprint> issuers = new LinkedHashSet<>();
        byte[][] leafHashes = new byte[(int) range.length()][];
        for (TileEntry entry : result.entries()) {
            if (entry.index() >= range.start() && entry.index() < range.end()) {
                entries.add(entry);
                issuers.addAll(entry.chainFingerprints());
                // Hashed where it lies in the tile: nothing is copied.
                leafHashes[(int) (entry.index() - range.start())] = MerkleHash.tileLeaf(bytes, entry.timestampedEntryFrom(),
                        entry.timestampedEntryTo());
            }
        }
        List<SkippedEntry> skipped = new ArrayList<>();
        for (EntryDecodeException error : result.entryErrors()) {
            if (error.index() >= range.start() && error.index() < range.end()) {
                skipped.add(new SkippedEntry(error.index(), error.getMessage()));
            }
        }
        // After a framing break nothing is trustworthy: cover only up to the break.
        long coveredEnd = result.framingError() == null ? range.end()
                : Math.min(range.end(), firstIndex + result.framedCount());
        int count = (int) Math.max(0, coveredEnd - range.start());
        if (count == 0) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "tile " + url + " is unreadable at index "
                    + range.start() + ": " + result.framingError().getMessage());
        }
        return new TileBatch(range.start(), count, entries, java.util.Arrays.copyOf(leafHashes, count), skipped, issuers,
                url, result.framingError() == null);
    }

    /** Whether the bytes held exactly the entries expected, so their length is where the next read resumes. */
    boolean clean() {
        return clean;
    }

    int count() {
        return count;
    }

    /** Every issuer the entries name, each once: what to look up before rendering. */
    Set<Fingerprint> issuers() {
        return issuers;
    }

    /**
     * Renders the entries with the issuers found. Their fingerprints go along as the chain cache's keys:
     * every issuer was checked against its fingerprint when fetched, so nothing is hashed again.
     */
    RenderedBatch render(EnvelopeRenderer renderer, LogSource source, Map<Fingerprint, byte[]> found) {
        EnvelopeRenderer.Batch batch = renderer.batch(source, entries.size());
        skipped.forEach(entry -> batch.skip(entry.index(), entry.reason()));
        for (TileEntry entry : entries) {
            List<byte[]> chain = new ArrayList<>(entry.chainFingerprints().size());
            List<Fingerprint> fingerprints = new ArrayList<>(entry.chainFingerprints().size());
            for (Fingerprint fingerprint : entry.chainFingerprints()) {
                byte[] der = found.get(fingerprint);
                if (der != null) {
                    chain.add(der);
                    fingerprints.add(fingerprint);
                }
            }
            batch.render(new DecodedEntry(entry.index(), entry.timestampMs(), entry.type(), entry.leafDer(), chain,
                    certLink, fingerprints, entry.tbs()));
        }
        for (int i = 0; i < leafHashes.length; i++) {
            batch.leafHash(i, leafHashes[i]);
        }
        return batch.done(start, count);
    }
}
