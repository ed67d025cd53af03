package dev.certstream.watcher.follow;

import dev.certstream.contract.CertificateEnvelope;

import java.util.List;

/**
 * The outcome of reading [start, start + count) of a log: the envelopes to publish, in index order, and
 * the entries that could not be parsed (counted and logged, never retried).
 */
record RenderedBatch(long start, int count, List<CertificateEnvelope> envelopes, List<SkippedEntry> skipped) {

    RenderedBatch {
        envelopes = List.copyOf(envelopes);
        skipped = List.copyOf(skipped);
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
