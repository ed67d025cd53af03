package dev.certstream.bench;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.filter.FilterEntry;
import dev.certstream.gateway.filter.FilterSpec;
import dev.certstream.gateway.filter.IndexSnapshot;
import dev.certstream.gateway.filter.MatchScratch;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's matching work per certificate with 1, 100, 1,000 and 10,000 distinct filters (10 patterns
 * each, {@link FilterWorkload}): one pass of the filter index over a certificate's names, as each gateway
 * process does once per certificate. Also prints the index's heap and build time. Run:
 * {@code java -jar bench/target/benchmarks.jar FilterMatch} (see bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class FilterMatchBenchmark {

    private static final int CERTIFICATES = 8192;

    @Param({"1", "100", "1000", "10000"})
    public int filters;

    /**
     * {@code brands}: {@link FilterWorkload#filters}; {@code hostile}: {@link FilterWorkload#hostile} on names
     * of 'a's; {@code hostile-filters}: the hostile filters on ordinary names (what every certificate pays).
     */
    @Param({"brands"})
    public String workload;

    private IndexSnapshot index;
    private final MatchScratch scratch = new MatchScratch();
    private CertificateEnvelope[] certificates;
    private int next;
    /** Matches found, so the JIT cannot drop the work. */
    public long matched;

    @Setup
    public void build() {
        long heapBefore = usedHeapAfterGc();
        long started = System.nanoTime();
        // Builds queue here and run after all filters are held: one build, as when clients arrive together.
        java.util.ArrayDeque<Runnable> builds = new java.util.ArrayDeque<>();
        FilterCatalog catalog = new FilterCatalog(FilterWorkload.LIMITS, 1, builds::add);
        boolean hostile = workload.equals("hostile");
        List<FilterSpec> specs = workload.startsWith("hostile") ? FilterWorkload.hostile(filters) : FilterWorkload.filters(filters);
        for (FilterSpec spec : specs) {
            catalog.acquire(spec, StreamKind.LITE);
        }
        while (!builds.isEmpty()) {
            builds.poll().run();
        }
        index = catalog.snapshot();
        long buildMillis = (System.nanoTime() - started) / 1_000_000;
        long heap = usedHeapAfterGc() - heapBefore;
        Buffer body = Buffer.buffer("{}");
        certificates = new CertificateEnvelope[CERTIFICATES];
        for (int i = 0; i < CERTIFICATES; i++) {
            certificates[i] = new CertificateEnvelope("https://bench.example/log/", i, EntryType.X509, 0L,
                    hostile ? FilterWorkload.hostileFacts(i) : FilterWorkload.facts(i, filters), body, body, body);
        }
        System.err.printf("%n%d filters, %d patterns, %d regexes (%d without literal): built in %d ms, index heap %.1f MB%n",
                index.filters(), index.patterns(), index.regexes(), index.scanRegexes(), buildMillis, heap / 1048576.0);
    }

    @Benchmark
    public FilterEntry[] matchOneCertificate() {
        FilterEntry[] found = index.match(certificates[next++ & (CERTIFICATES - 1)], scratch);
        matched += found.length;
        return found;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
