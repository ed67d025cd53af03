package dev.certstream.gateway;

import dev.certstream.gateway.stream.ClientRegistry;
import dev.certstream.gateway.stream.StreamNames;

import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.BuildStats;
import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.filter.FilterEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;

import java.util.EnumMap;
import java.util.Map;

/**
 * The filter figures of {@code /metrics} and {@code /stats}: distinct filters, filtered clients, the
 * index's size and builds, and per stream the certificates matched and the messages sent to filtered clients.
 */
final class FilterMetrics {

    private final FilterCatalog catalog;
    private final ClientRegistry clients;
    private final Map<StreamKind, Counter> matched = new EnumMap<>(StreamKind.class);
    private final Map<StreamKind, Counter> sent = new EnumMap<>(StreamKind.class);

    FilterMetrics(MeterRegistry registry, FilterCatalog catalog, ClientRegistry clients) {
        this.catalog = catalog;
        this.clients = clients;
        Gauge.builder("certstream.filters", catalog, FilterCatalog::distinct)
                .description("Distinct filters with at least one client").register(registry);
        BuildStats stats = catalog.stats();
        Gauge.builder("certstream.filter.index.patterns", stats, s -> s.last().patterns())
                .description("Patterns (filter values) in the filter index").register(registry);
        Gauge.builder("certstream.filter.index.regexes", stats, s -> s.last().regexes())
                .description("Distinct regular expressions in the filter index").register(registry);
        Gauge.builder("certstream.filter.index.scan.regexes", stats, s -> s.last().scanRegexes())
                .description("Regular expressions without a prefilter literal (run on every domain)").register(registry);
        FunctionCounter.builder("certstream.filter.index.builds", stats, BuildStats::builds)
                .description("Filter index builds").register(registry);
        Gauge.builder("certstream.filter.index.last.build.ms", stats, BuildStats::lastBuildMillis)
                .description("Duration of the last filter index build").register(registry);
        for (StreamKind kind : StreamKind.values()) {
            String stream = StreamNames.of(kind);
            Gauge.builder("certstream.filter.clients", clients, c -> c.filteredClients(kind))
                    .description("Connected clients with a filter").tag("stream", stream).register(registry);
            matched.put(kind, Counter.builder("certstream.filter.matched")
                    .description("Certificates that matched a filter of at least one client of the stream")
                    .tag("stream", stream).register(registry));
            sent.put(kind, Counter.builder("certstream.filter.sent")
                    .description("Messages sent (or queued) to filtered clients").tag("stream", stream).register(registry));
        }
    }

    /** Counts one certificate's matches once per stream that has a client of a matched filter. */
    void matched(FilterEntry[] matches) {
        if (matches.length == 0) {
            return;
        }
        for (StreamKind kind : StreamKind.values()) {
            for (FilterEntry entry : matches) {
                if (entry.clients(kind) > 0) {
                    matched.get(kind).increment();
                    break;
                }
            }
        }
    }

    void sent(StreamKind kind, long count) {
        sent.get(kind).increment(count);
    }

    /** The {@code filters} object of {@code /stats}. */
    JsonObject toJson() {
        JsonObject clientsByStream = new JsonObject();
        JsonObject matchedByStream = new JsonObject();
        JsonObject sentByStream = new JsonObject();
        for (StreamKind kind : StreamKind.values()) {
            clientsByStream.put(StreamNames.of(kind), clients.filteredClients(kind));
            matchedByStream.put(StreamNames.of(kind), (long) matched.get(kind).count());
            sentByStream.put(StreamNames.of(kind), (long) sent.get(kind).count());
        }
        BuildStats stats = catalog.stats();
        return new JsonObject().put("distinct", catalog.distinct())
                .put("filtered_clients", clientsByStream)
                .put("matched_certificates", matchedByStream)
                .put("sent_messages", sentByStream)
                .put("index", new JsonObject().put("filters", stats.last().filters())
                        .put("patterns", stats.last().patterns()).put("regexes", stats.last().regexes())
                        .put("scan_regexes", stats.last().scanRegexes()).put("builds", stats.builds())
                        .put("full_builds", stats.fullBuilds()).put("last_build_ms", stats.lastBuildMillis())
                        .put("estimated_bytes", catalog.heldBytes()));
    }
}
