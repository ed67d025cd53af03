package dev.certstream.gateway.filter;

import dev.certstream.contract.CertificateEnvelope;

import java.util.List;
import java.util.function.Predicate;

/**
 * One filter matched on its own, with the same index code as the shared index (so a replayed or peer-served
 * certificate matches exactly as a live one would): what a resuming client's replay and a peer serving it use.
 * Thread-safe: each thread matches with its own scratch.
 */
public final class SingleFilter implements Predicate<CertificateEnvelope> {

    private static final ThreadLocal<MatchScratch> SCRATCH = ThreadLocal.withInitial(MatchScratch::new);

    private final IndexSnapshot index;

    private SingleFilter(IndexSnapshot index) {
        this.index = index;
    }

    /** The filter's matcher; the empty filter matches everything. Builds a small index: milliseconds. */
    public static Predicate<CertificateEnvelope> of(FilterSpec spec) {
        if (spec.isEmpty()) {
            return envelope -> true;
        }
        FilterEntry entry = new FilterEntry(spec, 0);
        entry.alive(true);
        return new SingleFilter(new IndexSnapshot(SegmentBuilder.build(List.of(entry)), FilterSegment.EMPTY, 0));
    }

    @Override
    public boolean test(CertificateEnvelope envelope) {
        return index.match(envelope, SCRATCH.get()).length > 0;
    }
}
