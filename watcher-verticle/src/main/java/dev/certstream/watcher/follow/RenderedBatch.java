package dev.certstream.watcher.follow;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.Renderings;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of reading [start, start + count) of a log: the envelopes to publish, in index order, with
 * the renderings they are slices of (to set {@code verified} in place), the entries that could not be parsed
 * (counted and logged, never retried), and each entry's Merkle leaf hash (null where the leaf could not be
 * read), which the log's verifier folds in.
 */
record RenderedBatch(long start, int count, List<CertificateEnvelope> envelopes, List<Renderings> renderings,
                     List<SkippedEntry> skipped, byte[][] leafHashes) {

    RenderedBatch {
        envelopes = List.copyOf(envelopes);
        renderings = List.copyOf(renderings);
        skipped = List.copyOf(skipped);
        if (renderings.size() != envelopes.size()) {
            throw new IllegalArgumentException(renderings.size() + " renderings for " + envelopes.size() + " envelopes");
        }
        if (leafHashes == null) {
            leafHashes = new byte[count][];
        } else if (leafHashes.length != count) {
            throw new IllegalArgumentException(leafHashes.length + " leaf hashes for " + count + " entries");
        }
    }

    /** A batch of entries given up on: nothing to publish, and no leaf read. */
    static RenderedBatch skipped(long start, int count, List<SkippedEntry> skipped) {
        return new RenderedBatch(start, count, List.of(), List.of(), skipped, null);
    }

    /** The end (exclusive) of the indices it covers. */
    long end() {
        return start + count;
    }

    /** Entries [start, start + count) of this batch, as one batch (count may be 0). */
    static RenderedBatch of(long start, int count, List<CertificateEnvelope> envelopes, List<Renderings> renderings,
                            List<SkippedEntry> skipped, List<byte[]> leafHashes) {
        List<byte[]> hashes = new ArrayList<>(leafHashes);
        while (hashes.size() < count) {
            hashes.add(null);
        }
        return new RenderedBatch(start, count, envelopes, renderings, skipped, hashes.subList(0, count).toArray(new byte[0][]));
    }

    /** The bytes its envelopes keep alive until they are published (what the fetch budget counts). */
    long bytes() {
        long bytes = 0;
        for (CertificateEnvelope envelope : envelopes) {
            bytes += envelope.retainedBytes();
        }
        return bytes;
    }
}
