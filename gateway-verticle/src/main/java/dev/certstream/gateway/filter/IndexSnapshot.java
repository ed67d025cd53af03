package dev.certstream.gateway.filter;

import dev.certstream.contract.CertificateEnvelope;

import java.util.List;

/**
 * The filter index as published at one moment: a large main segment, rebuilt rarely, and a small recent
 * segment holding the filters added since, rebuilt on every change. A filter is in exactly one of them.
 * Immutable; any thread may match against it with its own {@link MatchScratch}.
 */
public final class IndexSnapshot {

    static final IndexSnapshot EMPTY = new IndexSnapshot(FilterSegment.EMPTY, FilterSegment.EMPTY, 0);

    final FilterSegment main;
    final FilterSegment recent;
    private final long generation;

    IndexSnapshot(FilterSegment main, FilterSegment recent, long generation) {
        this.main = main;
        this.recent = recent;
        this.generation = generation;
    }

    /** Whether no filter is indexed, so unfiltered fan-out needs no matching at all. */
    public boolean isEmpty() {
        return main.size() == 0 && recent.size() == 0;
    }

    public long generation() {
        return generation;
    }

    /** Every live filter that this certificate matches, each once; {@code scratch} belongs to the calling thread. */
    public FilterEntry[] match(CertificateEnvelope envelope, MatchScratch scratch) {
        if (isEmpty()) {
            return NONE;
        }
        CertFacts cert = CertFacts.of(envelope, scratch.names);
        List<FilterEntry> found = scratch.found;
        found.clear();
        try {
            main.match(cert, scratch, found);
            recent.match(cert, scratch, found);
            return found.isEmpty() ? NONE : found.toArray(NONE);
        } finally {
            scratch.end();
        }
    }

    static final FilterEntry[] NONE = new FilterEntry[0];

    /** Indexed filters (live or awaiting removal). */
    public int filters() {
        return main.size() + recent.size();
    }

    public int patterns() {
        return main.patterns + recent.patterns;
    }

    public int regexes() {
        return main.regexes.length + recent.regexes.length;
    }

    public int scanRegexes() {
        return main.scanRegexes.length + recent.scanRegexes.length;
    }
}
