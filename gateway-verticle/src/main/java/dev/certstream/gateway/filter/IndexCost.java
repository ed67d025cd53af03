package dev.certstream.gateway.filter;

import java.util.List;
import java.util.Set;

/**
 * An upper bound on the heap one filter takes at the peak of a full index rebuild, from its values alone, so
 * the catalog can refuse a filter before building anything ({@link FilterLimits#maxIndexBytes()}).
 */
final class IndexCost {

    // Bytes per unit at a full rebuild's peak: the filter's own objects once, its index share twice (the old
    // index and the new one) plus the builder's working maps. Measured with IndexFootprint (test sources,
    // heap after System.gc() on a Serial heap) on brand, exact-domain, 256-character, 2-character, one-keyword,
    // random 16-character, CJK and regex filters, each constant rounded up so that no shape measured more
    // than its estimate (the per-unit figures measured are beside each constant).
    /** Entry, spec, its sets, future and per-instance slots (20,000 one-keyword filters: ~1,570 each in all). */
    static final long FILTER = 1024;
    /** The canonical query string: one byte per character (percent-encoded ASCII). */
    static final long KEY_CHAR = 1;
    /**
     * A value's string and tree-set node, and its slot (keywords, suffixes) or exact-name entry in the old
     * index, the new one and the builder's maps (random 16-character keywords: ~530; exact names: ~350).
     */
    static final long VALUE = 560;
    /** A value's characters: UTF-16 at worst. */
    static final long VALUE_CHAR = 2;
    /**
     * At most one automaton state per keyword, suffix or literal character, in the old and the new automaton
     * (2 x 18), and a margin: 256-character keywords measured ~38 per character with their strings.
     */
    static final long PATTERN_CHAR = 2L * PatternAutomaton.BYTES_PER_STATE + 4;
    /** A compiled regex's fixed part and its regex-map entries (short regexes: ~800 with their value). */
    static final long REGEX = 1024;
    /** Per instruction of the {@link RegexShape} estimate, two compiled programs (measured 159-205). */
    static final long REGEX_INSTRUCTION = 210;
    /**
     * Per Unicode class ({@code \pL}, {@code \P{Lu}}) written in a regex: its table of ranges, which the size
     * estimate counts as one instruction (80 {@code \pL} in one regex: ~7,400 each).
     */
    static final long UNICODE_CLASS = 8192;
    /**
     * RE2/J keeps a matcher machine per regex for every thread that ran it at once (up to one per gateway
     * instance): per machine and per instruction (measured 824 bytes for 18 instructions, 87 KB for 1,914).
     */
    static final long MACHINE = 128;
    static final long MACHINE_INSTRUCTION = 48;

    private IndexCost() {
    }

    /** The estimate for {@code spec}, whose canonical query is {@code key}, its regexes' shapes in order. */
    static long of(FilterSpec spec, String key, List<RegexShape.Shape> regexShapes, int instances) {
        long bytes = FILTER + KEY_CHAR * key.length() + VALUE * spec.types().size();
        for (Set<String> values : List.of(spec.domains(), spec.suffixes(), spec.keywords(), spec.regexes(),
                spec.issuers(), spec.logs())) {
            for (String value : values) {
                bytes += VALUE + VALUE_CHAR * value.length();
            }
        }
        for (Set<String> patterns : List.of(spec.suffixes(), spec.keywords())) {
            for (String pattern : patterns) {
                bytes += PATTERN_CHAR * pattern.length();
            }
        }
        int i = 0;
        for (String regex : spec.regexes()) {
            RegexShape.Shape shape = regexShapes.get(i++);
            bytes += REGEX + REGEX_INSTRUCTION * shape.size() + UNICODE_CLASS * unicodeClasses(regex)
                    + instances * (MACHINE + MACHINE_INSTRUCTION * shape.size());
            if (shape.literals() != null) {
                for (String literal : shape.literals()) {
                    // A literal is a pattern of its own: a slot, its string while building, its states.
                    bytes += VALUE + (VALUE_CHAR + PATTERN_CHAR) * literal.length();
                }
            }
        }
        return bytes;
    }

    /** Occurrences of {@code \p} and {@code \P} (an escaped backslash before p counts too: an overestimate). */
    private static int unicodeClasses(String regex) {
        int count = 0;
        for (int i = regex.indexOf('\\'); i >= 0 && i + 1 < regex.length(); i = regex.indexOf('\\', i + 1)) {
            char c = regex.charAt(i + 1);
            count += c == 'p' || c == 'P' ? 1 : 0;
        }
        return count;
    }
}
