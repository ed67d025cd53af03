package dev.certstream.gateway.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One thread's working memory for matching: which filters and regexes were already decided for the
 * current certificate (stamps instead of clearing sets), so each is checked at most once per certificate
 * (patterns and regexes once per name). Also receives the automaton's hits. Not thread-safe: one per event loop.
 */
public final class MatchScratch implements PatternAutomaton.Hits {

    final NameCache names = new NameCache();
    final List<FilterEntry> found = new ArrayList<>();
    private int[] filterStamps = new int[0];
    private int[] regexStamps = new int[0];
    private int[] slotStamps = new int[0];
    private int certificateEpoch;
    private int domainEpoch;
    private FilterSegment segment;
    private CertFacts cert;
    private List<FilterEntry> out;
    private String domain;

    void begin(FilterSegment segment, CertFacts cert, List<FilterEntry> out) {
        this.segment = segment;
        this.cert = cert;
        this.out = out;
        if (filterStamps.length < segment.filters.length) {
            filterStamps = new int[segment.filters.length];
            certificateEpoch = 0;
        }
        if (regexStamps.length < segment.regexes.length || slotStamps.length < segment.slots) {
            // Both per-name stamp arrays restart with the epoch, so no stale stamp can equal a future epoch.
            regexStamps = new int[Math.max(regexStamps.length, segment.regexes.length)];
            slotStamps = new int[Math.max(slotStamps.length, segment.slots)];
            domainEpoch = 0;
        }
        if (++certificateEpoch == Integer.MAX_VALUE) {
            Arrays.fill(filterStamps, 0);
            certificateEpoch = 1;
        }
    }

    /**
     * Lets go of the certificate's segment and results: a scratch kept the last segment it matched against,
     * so an index replaced or emptied (every filtered client gone) stayed in the heap for as long as no
     * filtered certificate came, tens of MB after hundreds of large filters.
     */
    void end() {
        segment = null;
        cert = null;
        out = null;
        domain = null;
        found.clear();
    }

    void domain(String name) {
        domain = name;
        if (++domainEpoch == Integer.MAX_VALUE) {
            Arrays.fill(regexStamps, 0);
            Arrays.fill(slotStamps, 0);
            domainEpoch = 1;
        }
    }

    /** Decides each filter once per certificate: it matches if its other kinds (issuer, log, type) agree. */
    void mark(int[] ids) {
        if (ids == null) {
            return;
        }
        for (int id : ids) {
            if (filterStamps[id] != certificateEpoch) {
                filterStamps[id] = certificateEpoch;
                FilterEntry entry = segment.filters[id];
                if (entry.alive() && entry.spec().matchesHeader(cert.issuerO(), cert.issuerCn(), cert.log(),
                        cert.operator(), cert.type())) {
                    out.add(entry);
                }
            }
        }
    }

    /**
     * A pattern ends here. The first time in this name it marks its keyword filters and tries its regexes;
     * seen before, so were the shorter patterns after it, and the walk stops, except at the name's end, where
     * suffixes must be checked whatever was seen.
     */
    @Override
    public boolean hit(int pattern, boolean atEnd) {
        FilterSegment.Slot slot = segment.slotOf[pattern];
        boolean fresh = slotStamps[pattern] != domainEpoch;
        if (fresh) {
            slotStamps[pattern] = domainEpoch;
            mark(slot.keywordFilters());
            for (int regex : slot.regexes()) {
                tryRegex(regex);
            }
        }
        if (atEnd) {
            mark(slot.suffixFilters());
        }
        return fresh || atEnd;
    }

    /** Runs a regex on the current domain, once per domain, unless every filter using it is decided. */
    void tryRegex(int regex) {
        if (regexStamps[regex] == domainEpoch) {
            return;
        }
        regexStamps[regex] = domainEpoch;
        int[] users = segment.regexFilters[regex];
        boolean open = false;
        for (int id : users) {
            open |= filterStamps[id] != certificateEpoch;
        }
        if (open && segment.regexes[regex].matcher(domain).find()) {
            mark(users);
        }
    }
}
