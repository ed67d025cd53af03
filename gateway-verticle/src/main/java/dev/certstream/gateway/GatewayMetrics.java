package dev.certstream.gateway;

import dev.certstream.gateway.stream.ClientRegistry;
import dev.certstream.gateway.stream.StreamMeters;
import dev.certstream.gateway.stream.StreamNames;

import dev.certstream.render.ct.EntryType;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.filter.FilterEntry;
import dev.certstream.gateway.resume.ResumeStats;
import dev.certstream.node.MemoryFigures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's own meters, in the same Prometheus registry that Vert.x fills with its event-bus and HTTP
 * figures (see {@code NodeMetrics}), so {@code /metrics} shows both. Thread-safe.
 */
final class GatewayMetrics implements StreamMeters {

    /** The log label used once {@code maxLogs} distinct logs have their own series. */
    static final String OTHER_LOGS = "other";

    private final PrometheusMeterRegistry registry;
    private final int maxLogs;
    private final Map<String, Map<EntryType, Counter>> certificatesByLog = new ConcurrentHashMap<>();
    private final Map<StreamKind, Counter> drops = new EnumMap<>(StreamKind.class);
    private final Counter refused;
    private final Counter refusedForMemory;
    private final Counter pongTimeouts;
    private final FilterMetrics filters;
    private final Counter unauthorized;
    private final Counter limited;
    private final Counter slowHeaders;
    private final ResumeStats resume = new ResumeStats();
    private final Counter repeats;

    GatewayMetrics(PrometheusMeterRegistry registry, ClientRegistry clients, FilterCatalog catalog, int maxLogs) {
        this.registry = registry;
        this.maxLogs = maxLogs;
        for (StreamKind kind : StreamKind.values()) {
            String stream = StreamNames.of(kind);
            Gauge.builder("certstream.clients", clients.clients(kind), Number::doubleValue)
                    .description("Connected clients (websocket and SSE)").tag("stream", stream).register(registry);
            drops.put(kind, Counter.builder("certstream.dropped.messages")
                    .description("Messages dropped from slow clients' queues").tag("stream", stream).register(registry));
        }
        refused = Counter.builder("certstream.clients.refused")
                .description("Websocket upgrades refused because the gateway was full").register(registry);
        refusedForMemory = Counter.builder("certstream.clients.refused.memory")
                .description("Stream requests refused with 503 while the heap guard sheds load").register(registry);
        pongTimeouts = Counter.builder("certstream.clients.pong.timeouts")
                .description("Clients closed for answering no ping (websocket) or reading nothing (SSE)").register(registry);
        filters = new FilterMetrics(registry, catalog, clients);
        unauthorized = Counter.builder("certstream.clients.unauthorized")
                .description("Stream requests refused with 401 (token missing or unknown)").register(registry);
        limited = Counter.builder("certstream.clients.limited")
                .description("Stream requests refused with 429 (per-client streams or rate)").register(registry);
        slowHeaders = Counter.builder("certstream.connections.header.timeouts")
                .description("Connections closed because their request headers did not arrive in time").register(registry);
        FunctionCounter.builder("certstream.gateway.shed.certificates", clients, ClientRegistry::shedCertificates)
                .description("Certificates not sent because a gateway instance fell behind (counted as drops too)")
                .register(registry);
        Gauge.builder("certstream.gateway.queued.bytes", clients, ClientRegistry::queuedBytes)
                .description("Bytes in the per-socket queues, summed over sockets (shared buffers counted per socket)")
                .baseUnit("bytes").register(registry);
        Gauge.builder("certstream.netty.direct.used", MemoryFigures::nettyDirectUsed)
                .description("Direct memory Netty allocated outside the JDK's accounting (-1: not counted)")
                .baseUnit("bytes").register(registry);
        resume.register(registry);
        repeats = Counter.builder("certstream.unique.repeats")
                .description("Certificates left out of unique= clients' streams (another log's entry came first)").register(registry);
    }

    ResumeStats resume() {
        return resume;
    }

    @Override
    public void gap(String reason, long entries, boolean told) {
        resume.gap(reason, entries, told);
    }

    @Override
    public void repeatsLeftOut(long count) {
        repeats.increment(count);
    }

    double repeats() {
        return repeats.count();
    }

    void limited(int status) {
        (status == 401 ? unauthorized : limited).increment();
    }

    void headerTimeout() {
        slowHeaders.increment();
    }

    FilterMetrics filters() {
        return filters;
    }

    void matched(FilterEntry[] matches) {
        filters.matched(matches);
    }

    @Override
    public void filteredSent(StreamKind kind, long count) {
        filters.sent(kind, count);
    }

    /** Counts one certificate; call from one instance only, or it is counted once per instance. */
    void certificate(String logUrl, EntryType type) {
        Map<EntryType, Counter> perType = certificatesByLog.get(logUrl);
        if (perType == null) {
            String label = certificatesByLog.size() < maxLogs ? logUrl : OTHER_LOGS;
            perType = certificatesByLog.computeIfAbsent(label, this::countersFor);
        }
        perType.get(type).increment();
    }

    private Map<EntryType, Counter> countersFor(String log) {
        Map<EntryType, Counter> perType = new EnumMap<>(EntryType.class);
        for (EntryType type : EntryType.values()) {
            perType.put(type, Counter.builder("certstream.certificates")
                    .description("Certificates received from the watchers, duplicates excluded")
                    .tag("log", log).tag("type", type.updateType()).register(registry));
        }
        return perType;
    }

    @Override
    public void dropped(StreamKind kind, int count) {
        drops.get(kind).increment(count);
    }

    void refused() {
        refused.increment();
    }

    void refusedForMemory() {
        refusedForMemory.increment();
    }

    /** Stream requests refused while the heap guard shed load, for {@code /stats}. */
    long refusedForMemoryCount() {
        return (long) refusedForMemory.count();
    }

    @Override
    public void pongTimeout() {
        pongTimeouts.increment();
    }

    /** The Prometheus text exposition of everything in the registry. */
    String scrape() {
        return registry.scrape();
    }
}
