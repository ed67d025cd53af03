package dev.certstream.watcher;

import dev.certstream.watcher.ct.FetchException;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Locale;

/**
 * The watcher's counters on a Micrometer registry (the gateway's Prometheus registry in one JVM, the
 * watcher's own otherwise), tagged by log where it matters: published and skipped entries, failed
 * fetches by kind, shrinking trees, refused or unverified checkpoints and missing issuers; and the issuer
 * and chain certificate caches (Micrometer's Caffeine binder: {@code cache.gets} by result, evictions, size).
 */
public final class WatcherMetrics {

    static final String PUBLISHED = "certstream.watcher.entries.published";
    static final String SKIPPED = "certstream.watcher.entries.skipped";
    static final String FETCH_FAILED = "certstream.watcher.fetch.failures";
    static final String TREE_SHRANK = "certstream.watcher.tree.shrinks";
    static final String CHECKPOINT_REJECTED = "certstream.watcher.checkpoints.rejected";
    static final String CHECKPOINT_UNVERIFIED = "certstream.watcher.checkpoints.unverified";
    static final String ISSUER_MISSING = "certstream.watcher.issuers.missing";
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
