package dev.certstream.watcher.follow;

import dev.certstream.contract.EntryFacts;
import dev.certstream.render.CertificateParseException;
import dev.certstream.render.Renderings;

import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.render.EntryRenderer;
import dev.certstream.render.ct.EntryDecodeException;
import dev.certstream.render.ct.LeafInputDecoder;
import dev.certstream.render.ct.TileDecodeResult;
import dev.certstream.render.ct.TileDecoder;
import dev.certstream.render.ct.TileEntry;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;

import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The worker-thread half of reading a log: decodes raw entries, renders each one on its own (one bad leaf
 * never loses its batch), and collects the skipped ones with their index and reason. Thread-safe.
 */
public final class EntryPipeline {

    private static final HexFormat HEX = HexFormat.of();

    private final EntryRenderer renderer;

    public EntryPipeline(EntryRenderer renderer) {
        this.renderer = renderer;
    }

    /** Renders the first {@code count} entries of a get-entries page starting at {@code start}. */
    RenderedBatch renderPage(LogSource source, long start, JsonArray entries, int count) {
        List<CertificateEnvelope> envelopes = new ArrayList<>(count);
        List<SkippedEntry> skipped = new ArrayList<>();
        Base64.Decoder base64 = Base64.getDecoder();
        for (int i = 0; i < count; i++) {
            long index = start + i;
            try {
                if (!(entries.getValue(i) instanceof JsonObject entry)
                        || !(entry.getValue("leaf_input") instanceof String leaf)
                        || !(entry.getValue("extra_data") instanceof String extra)) {
                    skipped.add(new SkippedEntry(index, "entry is not an object with leaf_input and extra_data"));
                    continue;
                }
                String link = source.url() + "ct/v1/get-entries?start=" + index + "&end=" + index;
                DecodedEntry decoded = LeafInputDecoder.decode(index, base64.decode(leaf), base64.decode(extra), link);
                envelopes.add(envelope(source, decoded));
            } catch (Exception e) {
                // Every failure here is about this one entry's bytes (bad base64, framing, DER).
                skipped.add(new SkippedEntry(index, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        return new RenderedBatch(start, count, envelopes, skipped);
    }

    /** Decodes the requested part of a data tile (full, or partial of {@code range.end - tileStart}). */
    DecodedTile decodeTile(Buffer tile, long tileStart, EntryRange range, String url) {
        int width = (int) (range.end() - tileStart);
        TileDecodeResult result = TileDecoder.decode(url, tile.getBytes(), tileStart, width);
        List<TileEntry> entries = new ArrayList<>();
        List<SkippedEntry> skipped = new ArrayList<>();
        List<byte[]> fingerprints = new ArrayList<>();
        for (TileEntry entry : result.entries()) {
            if (entry.index() >= range.start() && entry.index() < range.end()) {
                entries.add(entry);
                fingerprints.addAll(entry.chainFingerprints());
            }
        }
        for (EntryDecodeException error : result.entryErrors()) {
            if (error.index() >= range.start() && error.index() < range.end()) {
                skipped.add(new SkippedEntry(error.index(), error.getMessage()));
            }
        }
        // After a framing break nothing is trustworthy: cover only up to the break; the rest is read again.
        long coveredEnd = result.framingError() == null ? range.end()
                : Math.min(range.end(), tileStart + result.framedCount());
        int count = (int) Math.max(0, coveredEnd - range.start());
        if (count == 0) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "tile " + url + " is unreadable at index "
                    + range.start() + ": " + result.framingError().getMessage());
        }
        return new DecodedTile(range.start(), count, entries, skipped, fingerprints, url);
    }

    /** Renders decoded tile entries with the issuers found (a missing issuer is left out of the chain). */
    RenderedBatch renderTile(LogSource source, DecodedTile tile, Map<String, byte[]> issuers) {
        List<CertificateEnvelope> envelopes = new ArrayList<>(tile.entries().size());
        List<SkippedEntry> skipped = new ArrayList<>(tile.skipped());
        for (TileEntry entry : tile.entries()) {
            try {
                List<byte[]> chain = new ArrayList<>(entry.chainFingerprints().size());
                for (byte[] fingerprint : entry.chainFingerprints()) {
                    byte[] der = issuers.get(HEX.formatHex(fingerprint));
                    if (der != null) {
                        chain.add(der);
                    }
                }
                DecodedEntry decoded = new DecodedEntry(entry.index(), entry.timestampMs(), entry.type(),
                        entry.leafDer(), chain, tile.certLink());
                envelopes.add(envelope(source, decoded));
            } catch (Exception e) {
                skipped.add(new SkippedEntry(entry.index(), e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        skipped.sort(java.util.Comparator.comparingLong(SkippedEntry::index));
        return new RenderedBatch(tile.start(), tile.count(), envelopes, skipped);
    }

    /** Renders one entry and wraps it with the header and facts every receiver reads. */
    private CertificateEnvelope envelope(LogSource source, DecodedEntry entry) throws CertificateParseException {
        long seen = nowMicros();
        Renderings r = renderer.render(entry, source, seen);
        EntryFacts facts = new EntryFacts(source.operator(), entry.timestampMs(), r.allDomains(),
                r.issuerOrganization(), r.issuerCommonName(), r.leafSha256(), null);
        return new CertificateEnvelope(source.url(), entry.index(), entry.type(), seen, facts,
                Buffer.buffer(r.full()), Buffer.buffer(r.lite()), Buffer.buffer(r.domains()));
    }

    static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
