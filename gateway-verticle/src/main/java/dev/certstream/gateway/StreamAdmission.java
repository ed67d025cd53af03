package dev.certstream.gateway;

import dev.certstream.gateway.stream.ClientRegistry;
import dev.certstream.gateway.stream.StreamNames;
import dev.certstream.gateway.stream.Subscription;

import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.access.ClientGate;
import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.filter.FilterEntry;
import dev.certstream.gateway.filter.FilterException;
import dev.certstream.gateway.filter.FilterLimits;
import dev.certstream.gateway.filter.FilterQuery;
import dev.certstream.gateway.filter.FilterSpec;
import dev.certstream.gateway.resume.ResumeRequest;
import dev.certstream.node.HeapGuard;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Decides, before any upgrade or response body, whether a stream request is served, in this order: a
 * missing or unknown token gets 401, a client past its caps 429, a bad filter 400, a full gateway 503
 * (client bound, filter capacity, or a heap the {@link HeapGuard} finds too full). An admitted request holds a client
 * slot and a reference to its shared filter; {@code onAdmitted} runs on the request's event loop once the
 * filter is in the published index, and must attach the subscription or release it.
 */
final class StreamAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(StreamAdmission.class);
    private static final long REFUSAL_LOG_PERIOD_NANOS = 10_000_000_000L;

    private final GatewayConfig config;
    private final GatewayServices services;
    private long lastRefusalLog = System.nanoTime() - REFUSAL_LOG_PERIOD_NANOS - 1;
    private long lastLimitLog = lastRefusalLog;
    private long lastMemoryLog = lastRefusalLog;

    StreamAdmission(GatewayConfig config, GatewayServices services) {
        this.config = config;
        this.services = services;
    }

    /**
     * @param routeParams query parameters of the route that are not filters
     * @param eventStream whether this is the SSE route, where an EventSource's {@code Last-Event-ID} resumes
     */
    void admit(RoutingContext ctx, StreamKind kind, Set<String> routeParams, boolean eventStream,
               Consumer<Subscription> onAdmitted) {
        HttpServerRequest request = ctx.request();
        ClientGate.Decision decision = services.gate().admit(request.remoteAddress().hostAddress(),
                request.headers().getAll("X-Forwarded-For"), request.getHeader("Authorization"), request.getParam("token"));
        if (decision instanceof ClientGate.Refused refused) {
            refuseClient(ctx, refused);
            return;
        }
        Runnable releaseClient = ((ClientGate.Admitted) decision).release();
        FilterSpec spec;
        try {
            spec = filterOf(request, config.subscriptions().filters(), routeParams);
        } catch (FilterException e) {
            releaseClient.run();
            Responses.error(ctx, e.status(), "bad filter: " + e.getMessage());
            return;
        }
        ResumeRequest resume;
        try {
            resume = ResumeRequest.parse(request::getParam, eventStream ? request.getHeader("Last-Event-ID") : null);
        } catch (IllegalArgumentException e) {
            releaseClient.run();
            Responses.error(ctx, 400, "bad parameter: " + e.getMessage());
            return;
        }
        ClientRegistry registry = services.registry();
        if (HeapGuard.shedding()) {
            releaseClient.run();
            refuseForMemory(ctx, request, kind);
            return;
        }
        if (!registry.tryAdmit()) {
            releaseClient.run();
            refuseFull(ctx, request, kind);
            return;
        }
        if (spec.isEmpty()) {
            onAdmitted.accept(new Subscription(kind, null, resume, releaseClient));
            return;
        }
        FilterCatalog catalog = services.filters();
        FilterEntry entry;
        try {
            entry = catalog.acquire(spec, kind);
        } catch (FilterException e) {
            releaseClient.run();
            registry.cancelAdmission();
            ctx.response().putHeader("Retry-After", "30");
            Responses.error(ctx, e.status(), e.getMessage());
            return;
        }
        Subscription subscription = new Subscription(kind, entry, resume, () -> {
            catalog.release(entry, kind);
            releaseClient.run();
        });
        CompletableFuture<FilterEntry> live = entry.live();
        if (live.isDone() && !live.isCompletedExceptionally()) {
            onAdmitted.accept(subscription);
            return;
        }
        // A new filter: the upgrade waits (milliseconds) until the index holds it, so the stream starts complete.
        request.pause();
        Context context = ctx.vertx().getOrCreateContext();
        live.whenComplete((ready, failure) -> context.runOnContext(v -> {
            request.resume();
            if (failure == null) {
                onAdmitted.accept(subscription);
            } else {
                subscription.release();
                registry.cancelAdmission();
                Responses.error(ctx, 503, "filter index unavailable; try again later");
            }
        }));
    }

    /** 401 (with the Bearer challenge) or 429 (with Retry-After); logged at most once a period, never with a token. */
    private void refuseClient(RoutingContext ctx, ClientGate.Refused refused) {
        services.metrics().limited(refused.status());
        long now = System.nanoTime();
        if (now - lastLimitLog > REFUSAL_LOG_PERIOD_NANOS) {
            lastLimitLog = now;
            LOG.info("refusing a stream for {} ({}): {}", refused.client(), refused.status(), refused.reason());
        }
        if (refused.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"certstream\"");
        }
        if (refused.retryAfterSeconds() > 0) {
            ctx.response().putHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
        }
        Responses.error(ctx, refused.status(), refused.reason());
    }

    private void refuseFull(RoutingContext ctx, HttpServerRequest request, StreamKind kind) {
        services.metrics().refused();
        long now = System.nanoTime();
        if (now - lastRefusalLog > REFUSAL_LOG_PERIOD_NANOS) {
            // At most one line per period: a connection flood must not become a log flood.
            lastRefusalLog = now;
            LOG.warn("refusing stream clients (e.g. {} on {}): {} connected, the maximum; see certstream_clients_refused_total",
                    request.remoteAddress(), StreamNames.route(kind), services.registry().maxClients());
        }
        unavailable(ctx, "server full: it serves at most " + services.registry().maxClients()
                + " websocket clients; try again later or another gateway");
    }

    /**
     * 503 while the heap is too full to take a client on (its queue, its filter's index, its replay);
     * clients retry after the Retry-After as they do on a full gateway. Logged at most once a period.
     */
    private void refuseForMemory(RoutingContext ctx, HttpServerRequest request, StreamKind kind) {
        services.metrics().refusedForMemory();
        long now = System.nanoTime();
        if (now - lastMemoryLog > REFUSAL_LOG_PERIOD_NANOS) {
            lastMemoryLog = now;
            LOG.warn("refusing stream clients while the heap guard sheds load (e.g. {} on {}); see certstream_clients_refused_memory_total",
                    request.remoteAddress(), StreamNames.route(kind));
        }
        unavailable(ctx, "server busy: its memory is nearly full; try again later or another gateway");
    }

    /** 503 with the Retry-After every refusal of a gateway that cannot take more clients now carries. */
    private static void unavailable(RoutingContext ctx, String reason) {
        ctx.response().putHeader("Retry-After", "30");
        Responses.error(ctx, 503, reason);
    }

    /** The filter a request's query asks for; a {@link FilterException} names what is wrong with it. */
    static FilterSpec filterOf(HttpServerRequest request, FilterLimits limits, Set<String> routeParams) {
        String query = request.query();
        MultiMap params = request.params();
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String name : params.names()) {
            byName.put(name, params.getAll(name));
        }
        return FilterQuery.parse(query == null ? 0 : query.length(), byName, limits, routeParams);
    }
}
