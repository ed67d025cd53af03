package dev.certstream.watcher;

import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.follow.FetchBudget;
import dev.certstream.watcher.follow.PublishGate;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Locale;

/**
 * The watcher's counters on a Micrometer registry (the gateway's Prometheus registry in one JVM, the
 * watcher's own otherwise), tagged by log where it matters: published and skipped entries, failed
 * fetches by kind, shrinking trees, refused or unverified checkpoints and missing issuers, bytes received
 * per log (and per entry published); per log operator the requests sent, the time they waited for the
 * operator's budget or for its Retry-After, the 429s it answered and its budget; and the issuer and chain
 * certificate caches (Micrometer's Caffeine binder: {@code cache.gets} by result, evictions, size).
 */
public final class WatcherMetrics {

    static final String PUBLISHED = "certstream.watcher.entries.published";
    static final String SKIPPED = "certstream.watcher.entries.skipped";
    static final String FETCH_FAILED = "certstream.watcher.fetch.failures";
    static final String TREE_SHRANK = "certstream.watcher.tree.shrinks";
    static final String CHECKPOINT_REJECTED = "certstream.watcher.checkpoints.rejected";
    static final String CHECKPOINT_UNVERIFIED = "certstream.watcher.checkpoints.unverified";
    static final String ISSUER_MISSING = "certstream.watcher.issuers.missing";
    static final String BYTES_FETCHED = "certstream.watcher.bytes.fetched";
    static final String BYTES_PER_ENTRY = "certstream.watcher.bytes.per.entry";
    static final String OPERATOR_REQUESTS = "certstream.watcher.operator.requests";
    static final String OPERATOR_WAIT = "certstream.watcher.operator.wait.seconds";
    static final String OPERATOR_HELD = "certstream.watcher.operator.held.seconds";
    static final String OPERATOR_THROTTLED = "certstream.watcher.operator.throttled";
    static final String OPERATOR_BUDGET = "certstream.watcher.operator.budget";
    static final String FETCH_BUDGET_USED = "certstream.watcher.fetch.budget.used";
    static final String FETCH_BUDGET_LIMIT = "certstream.watcher.fetch.budget.limit";
    static final String FETCH_BUDGET_WAITS = "certstream.watcher.fetch.budget.waits";
    static final String PUBLISH_HOLDS = "certstream.watcher.publish.holds";
    static final String PUBLISH_HELD = "certstream.watcher.publish.held.seconds";
    /** Micrometer's name for a cache's lookups, tagged {@code cache} and {@code result} (hit or miss). */
    public static final String CACHE_GETS = "cache.gets";

    private final MeterRegistry registry;

    public WatcherMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counters kept only in memory (tests, the parse command). */
    public WatcherMetrics() {
        this(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void published(String log, long count) {
        registry.counter(PUBLISHED, "log", log).increment(count);
    }

    public void entrySkipped(String log) {
        registry.counter(SKIPPED, "log", log).increment();
    }

    public void fetchFailed(String log, FetchException.Kind kind) {
        registry.counter(FETCH_FAILED, "log", log, "kind", kind.name().toLowerCase(Locale.ROOT)).increment();
    }

    public void treeShrank(String log) {
        registry.counter(TREE_SHRANK, "log", log).increment();
    }

    public void checkpointRejected(String log) {
        registry.counter(CHECKPOINT_REJECTED, "log", log).increment();
    }

    public void checkpointUnverified(String log) {
        registry.counter(CHECKPOINT_UNVERIFIED, "log", log).increment();
    }

    /** Bytes received from a log (bodies as they crossed the network). */
    public void bytesFetched(String log, long bytes) {
        registry.counter(BYTES_FETCHED, "log", log).increment(bytes);
    }

    /** Shows a log's bytes received per entry published so far (what following it costs). */
    public void monitorCost(String log) {
        Counter bytes = registry.counter(BYTES_FETCHED, "log", log);
        Counter published = registry.counter(PUBLISHED, "log", log);
        Gauge.builder(BYTES_PER_ENTRY, () -> published.count() == 0 ? Double.NaN : bytes.count() / published.count())
                .tag("log", log).register(registry);
    }

    /** A request to one of the operator's logs went out after waiting this long for its budget. */
    public void operatorRequest(String operator, long waitedNanos) {
        registry.counter(OPERATOR_REQUESTS, "operator", operator).increment();
        if (waitedNanos > 0) {
            registry.counter(OPERATOR_WAIT, "operator", operator).increment(waitedNanos / 1e9);
        }
    }

    /** The operator answered 429. */
    public void operatorThrottled(String operator) {
        registry.counter(OPERATOR_THROTTLED, "operator", operator).increment();
    }

    /** The operator's Retry-After holds every request to it this much longer. */
    public void operatorHeld(String operator, long nanos) {
        registry.counter(OPERATOR_HELD, "operator", operator).increment(nanos / 1e9);
    }

    /** Shows the operator's budget in requests per second (0: none); used = rate(requests) / budget. */
    public void operatorBudget(String operator, int rate) {
        Gauge.builder(OPERATOR_BUDGET, () -> rate).tag("operator", operator).register(registry);
        registry.counter(OPERATOR_REQUESTS, "operator", operator);
        registry.counter(OPERATOR_THROTTLED, "operator", operator);
    }

    /**
     * Shows the bytes held between fetching and publishing against their budget, how often a log waited for
     * room, and how often (and how long) publishing waited for the consumers in this JVM.
     */
    public void monitorPublishing(FetchBudget budget, PublishGate gate) {
        Gauge.builder(FETCH_BUDGET_USED, budget, FetchBudget::used).baseUnit("bytes")
                .description("Bytes fetched from the logs but not yet published (responses and rendered envelopes)")
                .register(registry);
        Gauge.builder(FETCH_BUDGET_LIMIT, budget, FetchBudget::limit).baseUnit("bytes")
                .description("CERTSTREAM_FETCH_BUDGET_BYTES").register(registry);
        FunctionCounter.builder(FETCH_BUDGET_WAITS, budget, FetchBudget::waits)
                .description("Times a log waited for room in the fetch budget").register(registry);
        FunctionCounter.builder(PUBLISH_HOLDS, gate, PublishGate::holds)
                .description("Times publishing waited for the gateway in this JVM to catch up").register(registry);
        FunctionCounter.builder(PUBLISH_HELD, gate, g -> g.heldMillis() / 1000.0)
                .description("Seconds publishing waited for the gateway in this JVM").register(registry);
    }

    public void issuerMissing() {
        registry.counter(ISSUER_MISSING).increment();
    }

    /** Shows a Caffeine cache's hits, misses, evictions and size under {@code cache=<name>}. */
    public void monitorCache(String name, Cache<?, ?> cache) {
        CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    /** A cache's hits ({@code result} "hit") or misses ("miss") so far, 0 when the cache is not shown. */
    public long cacheGets(String name, String result) {
        FunctionCounter gets = registry.find(CACHE_GETS).tags("cache", name, "result", result).functionCounter();
        return gets == null ? 0 : (long) gets.count();
    }

    /** The sum of a counter over all its tags, optionally narrowed to tag key/value pairs. */
    public long total(String meter, String... tags) {
        Search search = registry.find(meter);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return (long) search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
