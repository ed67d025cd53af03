package dev.certstream.gateway.filter;

import dev.certstream.contract.StreamKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Measures the heap that filters of several shapes take, between rebuilds and at a full rebuild's peak, and
 * compares it with {@link IndexCost}'s estimate: the source of IndexCost's constants. Not a test (it reads the
 * heap after System.gc(), which only a quiet JVM of its own answers well, one shape per JVM):
 * <pre>
 * JAR=certstream-server/target/certstream-server-0.1.0-SNAPSHOT-all.jar; javac -d /tmp/fp -cp $JAR \
 *     gateway-verticle/src/main/java/dev/certstream/gateway/filter/*.java \
 *     gateway-verticle/src/test/java/dev/certstream/gateway/filter/IndexFootprint.java
 * for s in random16 brands domains long short one unicode "regex " regex-max regex-unicode regex-small regex-lit; do
 *     java -XX:+UseSerialGC -Xmx1g -cp /tmp/fp:$JAR dev.certstream.gateway.filter.IndexFootprint "$s"; done
 * </pre>
 * {@code -Dnorun=true} leaves the regexes unrun, so the difference is RE2/J's pooled matcher machines.
 */
public final class IndexFootprint {

    private static final FilterLimits UNBOUNDED = new FilterLimits(1 << 20, 100_000, 4096, 10_000, 1_000_000,
            10_000_000, 100_000_000, 1L << 40, 1_000_000);
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    private IndexFootprint() {
    }

    /** One shape: how many filters, and one filter's parameters from a random source. */
    record Shape(String name, int filters, Function<Random, Map<String, List<String>>> params) {
    }

    public static void main(String[] args) throws Exception {
        List<Shape> shapes = List.of(
                new Shape("random16 (440 random 16-char keywords)", 30, r -> params("keyword", 440, () -> word(r, LOWER, 16))),
                new Shape("brands (10 keywords, 10 domains, 10 suffixes)", 1000, IndexFootprint::brand),
                new Shape("domains (250 exact 28-char names)", 200,
                        r -> params("domain", 250, () -> word(r, LOWER, 8) + ".example-" + word(r, LOWER, 6) + ".com")),
                new Shape("long (31 keywords of 256 chars)", 100, r -> params("keyword", 31, () -> word(r, LOWER, 256))),
                new Shape("short (500 2-char keywords)", 100, r -> params("keyword", 500, () -> word(r, LOWER + "0123456789", 2))),
                new Shape("one (a 6-char keyword)", 20_000, r -> params("keyword", 1, () -> word(r, LOWER, 6))),
                new Shape("unicode (300 12-char CJK keywords)", 50, r -> params("keyword", 300, () -> cjk(r, 12))),
                new Shape("regex (20 regexes of ~2,000 instructions)", 100,
                        r -> params("regex", 20, () -> word(r, LOWER, 8) + "(-[a-z0-9]{1,24}){1,7}\\.[a-z]{2,12}$")),
                new Shape("regex-max (5 regexes of ~1,900 instructions)", 10,
                        r -> params("regex", 5, () -> word(r, LOWER, 8) + "(-[a-z0-9]{1,24}){1,70}\\.[a-z]{2,12}$")),
                new Shape("regex-unicode (5 regexes of 80 \\pL)", 10,
                        r -> params("regex", 5, () -> word(r, LOWER, 8) + "\\pL".repeat(80))),
                new Shape("regex-unicode-i (5 regexes of 80 (?i)\\pL)", 10,
                        r -> params("regex", 5, () -> "(?i)" + word(r, LOWER, 8) + "[^\\p{Lu}]".repeat(24))),
                new Shape("regex-unicode-rep (5 regexes of \\pL{1,90}x20)", 10,
                        r -> params("regex", 5, () -> word(r, LOWER, 8) + "(\\pL{1,95}-){1,20}")),
                new Shape("regex-small (20 short regexes)", 500,
                        r -> params("regex", 20, () -> "^" + word(r, LOWER, 8) + "-[0-9]+\\.com$")),
                new Shape("regex-lit (20 regexes, 16 literals each)", 100,
                        r -> params("regex", 20, () -> "[a-d][a-d]" + word(r, LOWER, 12) + "[0-9]+")));
        Shape only = args.length > 0 ? shapes.stream().filter(s -> s.name().startsWith(args[0])).findFirst().orElseThrow() : null;
        System.out.printf("%-46s %7s %8s %9s %9s %8s %9s %9s %9s %9s %5s%n", "shape", "filters", "patterns", "chars",
                "states", "regexIns", "steady", "peak", "estimate", "per-pat", "est/pk");
        for (Shape shape : only == null ? shapes : List.of(only)) {
            measure(shape);
        }
    }

    private static void measure(Shape shape) {
        Random random = new Random(7);
        long base = used();
        FilterCatalog catalog = new FilterCatalog(UNBOUNDED, 1, Runnable::run);
        List<FilterEntry> entries = new ArrayList<>();
        for (int i = 0; i < shape.filters(); i++) {
            FilterSpec spec = FilterQuery.parse(0, shape.params().apply(random), UNBOUNDED, Set.of());
            entries.add(catalog.acquire(spec, StreamKind.LITE));
        }
        // A regex that has run keeps a pooled matcher machine sized by its program: run each once.
        IndexSnapshot published = catalog.snapshot();
        for (FilterSegment segment : Boolean.getBoolean("norun") ? List.<FilterSegment>of() : List.of(published.main, published.recent)) {
            for (com.google.re2j.Pattern regex : segment.regexes) {
                regex.matcher("login-a1.example.com").find();
            }
        }
        long steady = used() - base;
        // A full rebuild: the published index stays while the builder's maps and the new segment exist.
        SegmentBuilder builder = SegmentBuilder.of(entries);
        FilterSegment next = builder.finish();
        long peak = used() - base;
        int patterns = next.slots;
        // finish() also held, briefly, the automaton's sort (an Integer and two references per pattern).
        peak += 24L * patterns;
        long chars = 0;
        long instructions = 0;
        for (FilterEntry entry : entries) {
            for (String k : entry.spec().keywords()) {
                chars += k.length();
            }
            for (String r : entry.spec().regexes()) {
                instructions += RegexShape.of(r).size();
            }
        }
        long estimate = catalog.heldBytes();
        int values = entries.stream().mapToInt(FilterEntry::patterns).sum();
        System.out.printf("%-46s %7d %8d %9d %9d %8d %9d %9d %9d %9.0f %5.2f%n", shape.name(), entries.size(), values,
                chars, next.automaton.states(), instructions, steady, peak, estimate, (double) peak / values,
                (double) estimate / peak);
        if (builder.hashCode() == 0 || next.hashCode() == 0 || catalog.hashCode() == 0) {
            System.out.println(); // keeps all three reachable until here
        }
    }

    private static long used() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private static Map<String, List<String>> params(String name, int count, java.util.function.Supplier<String> value) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        List<String> values = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (values.size() < count) {
            String v = value.get();
            if (seen.add(v)) {
                values.add(v);
            }
        }
        params.put(name, values);
        return params;
    }

    private static Map<String, List<String>> brand(Random r) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            String brand = word(r, LOWER, 5 + r.nextInt(6));
            params.computeIfAbsent("keyword", k -> new ArrayList<>()).add(brand + "-login");
            params.computeIfAbsent("domain", k -> new ArrayList<>()).add(brand + ".com");
            params.computeIfAbsent("domain", k -> new ArrayList<>()).add("*." + brand + ".net");
        }
        return params;
    }

    static String word(Random r, String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static String cjk(Random r, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) (0x4E00 + r.nextInt(20_000)));
        }
        return b.toString();
    }
}
