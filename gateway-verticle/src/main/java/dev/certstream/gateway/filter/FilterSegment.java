package dev.certstream.gateway.filter;

import com.google.re2j.Pattern;

import java.util.List;
import java.util.Map;

/**
 * An immutable index over a set of distinct filters: exact domains in a hash map; keywords, suffixes and
 * regex literals in one Aho-Corasick automaton ({@link PatternAutomaton}); regexes compiled once each; filters without domain terms
 * by issuer, log and type in hash maps. Matching a certificate costs one automaton pass and a few lookups
 * per domain plus work per hit, not per filter. Built off the event loop by {@link SegmentBuilder}.
 */
final class FilterSegment {

    /**
     * What one pattern string of the automaton stands for: filter ids by role, and regex ids it prefilters;
     * {@code id} numbers the slots of a segment, so a pattern hit many times in one certificate (a keyword
     * of 'a's in a name of 'a's) marks its filters once.
     */
    record Slot(int id, int[] keywordFilters, int[] suffixFilters, int[] regexes) {
    }

    final FilterEntry[] filters;
    final Map<String, int[]> exact;
    final PatternAutomaton automaton;
    final Slot[] slotOf;
    final Pattern[] regexes;
    final int[][] regexFilters;
    final int[] scanRegexes;
    final Map<String, int[]> issuers;
    final Map<String, int[]> logs;
    final int[][] byType;
    final int patterns;
    final int slots;

    FilterSegment(FilterEntry[] filters, Map<String, int[]> exact, PatternAutomaton automaton, Slot[] slotOf,
                  Pattern[] regexes,
                  int[][] regexFilters, int[] scanRegexes, Map<String, int[]> issuers, Map<String, int[]> logs,
                  int[][] byType, int patterns) {
        this.filters = filters;
        this.exact = exact;
        this.automaton = automaton;
        this.slotOf = slotOf;
        this.regexes = regexes;
        this.regexFilters = regexFilters;
        this.scanRegexes = scanRegexes;
        this.issuers = issuers;
        this.logs = logs;
        this.byType = byType;
        this.patterns = patterns;
        this.slots = slotOf.length;
    }

    static final FilterSegment EMPTY = SegmentBuilder.build(List.of());

    int size() {
        return filters.length;
    }

    /** Adds every live filter of this segment that the certificate matches to {@code out}. */
    void match(CertFacts cert, MatchScratch scratch, List<FilterEntry> out) {
        if (filters.length == 0) {
            return;
        }
        scratch.begin(this, cert, out);
        for (String domain : cert.domains()) {
            scratch.domain(domain);
            scratch.mark(exact.get(domain));
            automaton.scan(domain, scratch);
            for (int regex : scanRegexes) {
                scratch.tryRegex(regex);
            }
        }
        scratch.mark(lookup(issuers, cert.issuerO()));
        scratch.mark(lookup(issuers, cert.issuerCn()));
        scratch.mark(lookup(logs, cert.log()));
        scratch.mark(lookup(logs, cert.operator()));
        scratch.mark(byType[cert.type().ordinal()]);
    }

    private static int[] lookup(Map<String, int[]> map, String key) {
        return key == null ? null : map.get(key);
    }
}
