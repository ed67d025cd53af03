package dev.certstream.bench;

import dev.certstream.contract.EntryFacts;
import dev.certstream.gateway.filter.FilterLimits;
import dev.certstream.gateway.filter.FilterQuery;
import dev.certstream.gateway.filter.FilterSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Filters drawn like brand-monitoring lists and certificate names drawn like the logs', for the filter
 * benchmarks: each filter watches made-up brand and product names with 10 patterns (keywords, suffixes, an
 * exact name; every tenth filter a regex), so 10,000 filters hold 100,000 patterns. About 1 certificate in
 * 200 names one of the brands, as monitoring hits are rare.
 */
public final class FilterWorkload {

    /**
     * The defaults with the index's byte bound lifted: the benchmarks hold up to 10,000 filters (100,000
     * patterns), more than the default 24 MB of CERTSTREAM_FILTER_MAX_INDEX_BYTES admits; a deployment that
     * wants them raises it with the heap.
     */
    public static final FilterLimits LIMITS = FilterLimits.fromEnv(new dev.certstream.node.EnvReader(
            Map.of("CERTSTREAM_FILTER_MAX_INDEX_BYTES", Long.toString(1L << 40))));

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ter", "za", "pro", "vin", "dex", "ora", "qui",
        "bel", "sun", "tra", "nox", "fi", "ge", "ru", "mon", "lek", "pa", "sto", "wen", "yo", "cor", "bi", "xa"};
    private static final String[] WORDS = {"shop", "mail", "cloud", "portal", "status", "blog", "media", "app",
        "dev", "edge", "news", "store", "data", "cdn", "home", "api", "www", "static"};
    private static final String[] TLDS = {"com", "net", "org", "io", "de", "fr", "co.uk", "com.br"};
    private static final double BRAND_HIT_RATE = 1.0 / 200;

    private FilterWorkload() {
    }

    /** Brand name {@code j} of filter {@code i}: 2-4 syllables and the numbers, the same for the same pair. */
    static String brand(int i, int j) {
        Random r = new Random(i * 7919L + j * 104_729L + 17);
        StringBuilder b = new StringBuilder();
        int parts = 2 + r.nextInt(3);
        for (int p = 0; p < parts; p++) {
            b.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return b.append(i).append('x').append(j).toString();
    }

    /** The brand certificates of filter {@code i} may name. */
    static String brand(int i) {
        return brand(i, 0);
    }

    /**
     * {@code count} distinct filters of 10 patterns each: 7 keywords (a brand and its product names), 2
     * suffixes and 1 exact name of other products; every tenth filter a regex instead of its last keyword. No
     * value contains another, so none is dropped as covered, and 10,000 filters hold 100,000 patterns.
     */
    public static List<FilterSpec> filters(int count) {
        List<FilterSpec> specs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            List<String> keywords = new ArrayList<>();
            for (int j = 0; j < 7; j++) {
                keywords.add(brand(i, j));
            }
            if (i % 10 == 0) {
                keywords.remove(keywords.size() - 1);
                params.put("regex", List.of(brand(i, 6) + "[0-9]*-(login|secure|pay)\\."));
            }
            params.put("keyword", keywords);
            params.put("domain", List.of("*." + brand(i, 7) + ".com", "*." + brand(i, 8) + ".net", brand(i, 9) + ".org"));
            specs.add(FilterQuery.parse(0, params, FilterLimits.defaults(), Set.of()));
        }
        return specs;
    }

    /**
     * An attack within the limits: filter {@code i} watches the keyword 'a' x (1 + i % 250), so in a name of
     * 'a's up to 250 filters' patterns end at every position (within one filter a keyword containing another
     * is dropped when parsed, so the nesting has to come from many filters), and the first filters use the
     * gateway's whole budget of regexes without a literal, written to explode a backtracking engine
     * ({@code (a+)+...$}, {@code (a|aa)*...}). RE2/J stays linear; the benchmark shows the cost per certificate.
     */
    public static List<FilterSpec> hostile(int count) {
        FilterLimits limits = FilterLimits.defaults();
        List<FilterSpec> specs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<String, List<String>> params = new LinkedHashMap<>();
            params.put("keyword", List.of("a".repeat(1 + i % 250), "zz" + i));
            if (i < limits.maxScanRegexes()) {
                params.put("regex", List.of(i % 2 == 0 ? "(a+)+[0-9]{" + i + "}$" : "(a|aa)*[b-z]{" + i + "}"));
            }
            specs.add(FilterQuery.parse(0, params, limits, Set.of()));
        }
        return specs;
    }

    /** The facts of certificate {@code index} in a hostile run: long names of 'a's, as an attacker's certificate would be. */
    public static EntryFacts hostileFacts(long index) {
        String name = "a".repeat(240) + index % 10 + ".com";
        return new EntryFacts("Bench operator", System.currentTimeMillis(), List.of(name, "www." + name), "Let's Encrypt",
                "R11", null, null);
    }

    /** The facts of certificate {@code index}: 1-4 names, now and then one of the first {@code brands} brands. */
    public static EntryFacts facts(long index, int brands) {
        Random r = new Random(index * 31 + 7);
        int names = 1 + r.nextInt(4);
        List<String> domains = new ArrayList<>(names);
        String base = WORDS[r.nextInt(WORDS.length)] + r.nextInt(100_000) + "-" + Long.toString(index, 36) + "."
                + TLDS[r.nextInt(TLDS.length)];
        if (brands > 0 && r.nextDouble() < BRAND_HIT_RATE) {
            base = brand(r.nextInt(brands)) + "-login." + TLDS[r.nextInt(TLDS.length)];
        }
        domains.add(base);
        for (int n = 1; n < names; n++) {
            domains.add(WORDS[r.nextInt(WORDS.length)] + "." + base);
        }
        return new EntryFacts("Bench operator", System.currentTimeMillis(), domains, "Let's Encrypt",
                r.nextBoolean() ? "R11" : "E5", null, null);
    }
}
