package dev.certstream.node;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.UUID;

/**
 * One Prometheus registry per node, with the JVM's memory figures, optionally wired into Vert.x (event-bus,
 * HTTP server and connection figures) so {@code /metrics} shows them beside the role's own meters. Vert.x
 * metrics must be chosen when Vert.x is built, so a {@code Main} (or a test) calls this before deploying.
 */
public final class NodeMetrics {

    private NodeMetrics() {
    }

    /** A fresh registry for one Vert.x, with the JVM's heap, non-heap and direct buffer figures. */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        bindHeapGuard(registry);
        return registry;
    }

    /** The {@link HeapGuard}'s state: whether it sheds, how often and how long it did, the live data it saw. */
    private static void bindHeapGuard(MeterRegistry registry) {
        Gauge.builder("certstream.heap.shedding", () -> HeapGuard.shedding() ? 1 : 0)
                .description("1 while the heap guard refuses new load (live heap past CERTSTREAM_HEAP_SHED_PERCENT)")
                .register(registry);
        FunctionCounter.builder("certstream.heap.shed.episodes", HeapGuard.class,
                        c -> HeapGuard.current() == null ? 0 : HeapGuard.current().episodes())
                .description("times the heap guard started shedding").register(registry);
        FunctionCounter.builder("certstream.heap.shedding.seconds", HeapGuard.class,
                        c -> HeapGuard.current() == null ? 0 : HeapGuard.current().sheddingSeconds())
                .description("seconds the heap guard spent shedding").register(registry);
        Gauge.builder("certstream.heap.live", () -> HeapGuard.current() == null ? -1 : HeapGuard.current().live())
                .baseUnit("bytes").description("old generation's live data after its last collection (-1: no guard)")
                .register(registry);
    }

    /**
     * Sets {@code options}' metrics to feed {@code registry} and hands both to {@code builder}. The registry
     * name is unique because vertx-micrometer keeps registries in a JVM-wide map by name: a second Vert.x in
     * the same JVM (tests) would otherwise silently reuse the first one's registry.
     */
    public static VertxBuilder instrument(VertxBuilder builder, VertxOptions options, PrometheusMeterRegistry registry) {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setRegistryName("certstream-" + UUID.randomUUID())
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
        return builder.with(options.setMetricsOptions(metrics)).withMetrics(new MicrometerMetricsFactory(registry));
    }
}
