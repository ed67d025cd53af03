package dev.certstream.gateway.filter;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

/**
 * How much filtering a client may ask for and how much the whole gateway holds, validated once; every
 * bound keeps one client's query, or all of them together, from costing unbounded memory or CPU.
 *
 * @param maxQueryBytes    longest query string accepted on a stream route (the HTTP request line is sized
 *                         from it); longer ones get 400 before any decoding
 * @param maxTerms         values one filter may hold over all its parameters (a brand list is hundreds)
 * @param maxPatternLength longest single value (a domain name is at most 253 characters)
 * @param maxRegexes       regular expressions one filter may hold
 * @param maxRegexSize     largest estimated regex program (RE2/J runs in time linear in input x program,
 *                         and {@code (a{1000}){1000}} would compile to a million instructions)
 * @param maxDistinct      distinct filters one gateway process holds at once; past it new filters get 503
 * @param maxPatterns      patterns (values) over all distinct filters; bounds the work of a full rebuild
 *                         (the heap is bounded by {@code maxIndexBytes})
 * @param maxIndexBytes    heap the filters and their index may take, counted at a full rebuild's peak (old
 *                         index, new index and the builder's maps alive together) with {@link IndexCost}'s
 *                         estimate of each filter; past it new filters get 503
 * @param maxScanRegexes   regexes without a literal part of 2+ characters over all filters: they run on
 *                         every name of every certificate (~2 us per regex per certificate measured), so
 *                         their number sets a floor on the per-certificate cost
 */
public record FilterLimits(int maxQueryBytes, int maxTerms, int maxPatternLength, int maxRegexes,
                           int maxRegexSize, int maxDistinct, int maxPatterns, long maxIndexBytes,
                           int maxScanRegexes) {

    static final long DEFAULT_MAX_INDEX_BYTES = 24 * 1024 * 1024L;

    public FilterLimits {
        require(maxQueryBytes >= 256, "maxQueryBytes must be at least 256: " + maxQueryBytes);
        require(maxTerms >= 1, "maxTerms must be positive: " + maxTerms);
        require(maxPatternLength >= 16, "maxPatternLength must be at least 16: " + maxPatternLength);
        require(maxRegexes >= 0, "maxRegexes must not be negative: " + maxRegexes);
        require(maxRegexSize >= 16, "maxRegexSize must be at least 16: " + maxRegexSize);
        require(maxDistinct >= 1, "maxDistinct must be positive: " + maxDistinct);
        require(maxPatterns >= maxTerms, "maxPatterns must be at least maxTerms: " + maxPatterns);
        require(maxIndexBytes >= 1 << 20, "maxIndexBytes must be at least 1 MB: " + maxIndexBytes);
        require(maxScanRegexes >= 0, "maxScanRegexes must not be negative: " + maxScanRegexes);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }

    /** The documented defaults. */
    public static FilterLimits defaults() {
        return fromEnv(new EnvReader(java.util.Map.of()));
    }

    /** Reads the {@code CERTSTREAM_FILTER_*} variables; a bad value names its variable. */
    public static FilterLimits fromEnv(EnvReader env) {
        // 24 MB at a rebuild's peak (about half of it between rebuilds): a fifth of the 120 MB heap, beside the
        // other bounded buffers of the memory budget (README); 14,000 random 16-character keywords filled that
        // whole heap with the earlier map-per-state automaton.
        long maxIndexBytes = env.longValue("CERTSTREAM_FILTER_MAX_INDEX_BYTES", DEFAULT_MAX_INDEX_BYTES, 1 << 20, 1L << 40);
        return new FilterLimits(
                // ingress-nginx's default request-line buffer is 8 KB, so longer queries would not pass it anyway.
                env.integer("CERTSTREAM_FILTER_MAX_QUERY_BYTES", 8192, 256, 1 << 20),
                env.integer("CERTSTREAM_FILTER_MAX_TERMS", 500, 1, 100_000),
                env.integer("CERTSTREAM_FILTER_MAX_PATTERN_LENGTH", 256, 16, 4096),
                env.integer("CERTSTREAM_FILTER_MAX_REGEXES", 20, 0, 10_000),
                env.integer("CERTSTREAM_FILTER_MAX_REGEX_SIZE", 2000, 16, 1_000_000),
                env.integer("CERTSTREAM_FILTER_MAX_DISTINCT", 20_000, 1, 10_000_000),
                // By default as many values as the byte bound holds at the cheapest (IndexCost.VALUE each, a
                // one-character value), so the byte bound decides; set lower, it bounds a rebuild's work.
                env.integer("CERTSTREAM_FILTER_MAX_PATTERNS", defaultMaxPatterns(maxIndexBytes), 1, 100_000_000),
                maxIndexBytes,
                env.integer("CERTSTREAM_FILTER_MAX_SCAN_REGEXES", 16, 0, 1_000_000));
    }

    /** The most values {@code maxIndexBytes} can hold: 44,938 for the default 24 MB. */
    static int defaultMaxPatterns(long maxIndexBytes) {
        return (int) Math.min(100_000_000, maxIndexBytes / IndexCost.VALUE);
    }
}
