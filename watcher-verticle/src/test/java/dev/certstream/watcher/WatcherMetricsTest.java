package dev.certstream.watcher;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A monitored cache's hits and misses are in the Prometheus text that {@code /metrics} serves. */
class WatcherMetricsTest {

    @Test
    void cacheHitsAndMissesAreScraped() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WatcherMetrics metrics = new WatcherMetrics(registry);
        Cache<String, String> cache = Caffeine.newBuilder().maximumSize(4).recordStats().build();
        metrics.monitorCache("issuers", cache);
        cache.put("a", "A");
        cache.getIfPresent("a");
        cache.getIfPresent("a");
        cache.getIfPresent("b");
        assertEquals(2, metrics.cacheGets("issuers", "hit"));
        assertEquals(1, metrics.cacheGets("issuers", "miss"));
        assertEquals(0, metrics.cacheGets("chain_certificates", "hit"), "a cache not monitored counts nothing");
        String text = registry.scrape();
        assertTrue(text.contains("cache_gets_total{cache=\"issuers\",result=\"hit\"} 2.0"), text);
        assertTrue(text.contains("cache_gets_total{cache=\"issuers\",result=\"miss\"} 1.0"), text);
        assertTrue(text.contains("cache_evictions_total{cache=\"issuers\"}"), text);
    }
}
