package dev.certstream.watcher.follow;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.CertificateParseException;
import dev.certstream.render.EntryRenderer;
import dev.certstream.render.Renderings;
import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.watcher.ct.LogSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What both readers do with a decoded entry: render it into the envelope the bus carries (its three
 * messages slices of one array), each entry on its own, so that one bad leaf never loses its batch.
 * Thread-safe: the readers' worker threads share one instance.
 */
public final class EnvelopeRenderer {

    private final EntryRenderer renderer;
    private final LongSupplier clockMicros;

    public EnvelopeRenderer(EntryRenderer renderer) {
        this(renderer, EnvelopeRenderer::nowMicros);
    }

    /** @param clockMicros the {@code seen} time of each entry, microseconds since the epoch */
    EnvelopeRenderer(EntryRenderer renderer, LongSupplier clockMicros) {
        this.renderer = renderer;
        this.clockMicros = clockMicros;
    }

    /** Renders one entry and wraps it with the header and facts every receiver reads. */
    public CertificateEnvelope envelope(LogSource source, DecodedEntry entry) throws CertificateParseException {
        long seen = clockMicros.getAsLong();
        return CertificateEnvelope.of(source.url(), source.operator(), entry, seen, renderer.render(entry, source, seen));
    }

    private Rendered rendered(LogSource source, DecodedEntry entry) throws CertificateParseException {
        long seen = clockMicros.getAsLong();
        Renderings renderings = renderer.render(entry, source, seen);
        return new Rendered(CertificateEnvelope.of(source.url(), source.operator(), entry, seen, renderings), renderings);
    }

    /** An envelope and the renderings its messages are slices of. */
    private record Rendered(CertificateEnvelope envelope, Renderings renderings) {
    }

    /** A batch of one log's entries, to which entries are rendered or skipped one by one. */
    Batch batch(LogSource source, int expected) {
        return new Batch(source, expected);
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** The envelopes, skipped entries and leaf hashes of one range, as they are rendered. Not thread-safe. */
    final class Batch {
        private final LogSource source;
        private final List<CertificateEnvelope> envelopes;
        private final List<Renderings> renderings;
        private final List<SkippedEntry> skipped = new ArrayList<>();
        private final List<byte[]> leafHashes;

        private Batch(LogSource source, int expected) {
            this.source = source;
            this.envelopes = new ArrayList<>(expected);
            this.renderings = new ArrayList<>(expected);
            this.leafHashes = new ArrayList<>(expected);
        }

        /** Renders the entry, or skips it with why (every failure here is about this entry's bytes). */
        void render(DecodedEntry entry) {
            try {
                Rendered rendered = rendered(source, entry);
                envelopes.add(rendered.envelope());
                renderings.add(rendered.renderings());
            } catch (Exception e) {
                skip(entry.index(), e);
            }
        }

        /** The Merkle leaf hash of the entry at {@code position} in the range (0 for its first). */
        void leafHash(int position, byte[] hash) {
            while (leafHashes.size() <= position) {
                leafHashes.add(null);
            }
            leafHashes.set(position, hash);
        }

        void skip(long index, Exception e) {
            skip(index, e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        void skip(long index, String reason) {
            skipped.add(new SkippedEntry(index, reason));
        }

        /** The batch covering [start, start + count), skipped entries in index order. */
        RenderedBatch done(long start, int count) {
            skipped.sort(Comparator.comparingLong(SkippedEntry::index));
            return RenderedBatch.of(start, count, envelopes, renderings, skipped, leafHashes);
        }
    }
}
