package dev.certstream.gateway;

import dev.certstream.contract.StreamKind;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three stream routes: a websocket upgrade joins the stream (within the client bound), a plain GET
 * of {@code /} gets the index page, and a plain GET of another stream gets 426 with an explanation.
 */
final class StreamRoutes {

    static final String INDEX_PAGE = "certstream-web/index.html";
    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
    private static final long REFUSAL_LOG_PERIOD_NANOS = 10_000_000_000L;

    private final StreamHub hub;
    private final ClientRegistry registry;
    private final GatewayMetrics metrics;
    private long lastRefusalLog = System.nanoTime() - REFUSAL_LOG_PERIOD_NANOS - 1;

    StreamRoutes(StreamHub hub, ClientRegistry registry, GatewayMetrics metrics) {
        this.hub = hub;
        this.registry = registry;
        this.metrics = metrics;
    }

    void handle(RoutingContext ctx, StreamKind kind) {
        HttpServerRequest request = ctx.request();
        if (!request.canUpgradeToWebSocket()) {
            if (kind == StreamKind.LITE) {
                ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").sendFile(INDEX_PAGE);
            } else {
                ctx.response().putHeader("Upgrade", "websocket");
                Responses.error(ctx, 426, StreamNames.route(kind) + " is a websocket stream: connect with a "
                        + "websocket client (ws:// or wss://), e.g. the certstream Python, JS or Go clients");
            }
            return;
        }
        if (!registry.tryAdmit()) {
            metrics.refused();
            long now = System.nanoTime();
            if (now - lastRefusalLog > REFUSAL_LOG_PERIOD_NANOS) {
                // At most one line per period: a connection flood must not become a log flood.
                lastRefusalLog = now;
                LOG.warn("refusing websocket clients (e.g. {} on {}): {} connected, the maximum; see certstream_clients_refused_total",
                        request.remoteAddress(), StreamNames.route(kind), registry.maxClients());
            }
            ctx.response().putHeader("Retry-After", "30");
            Responses.error(ctx, 503, "server full: it serves at most " + registry.maxClients()
                    + " websocket clients; try again later or another gateway");
            return;
        }
        request.toWebSocket().onComplete(upgrade -> {
            if (upgrade.failed()) {
                registry.cancelAdmission();
                LOG.debug("websocket upgrade from {} failed: {}", request.remoteAddress(), upgrade.cause().toString());
            } else if (!hub.attach(upgrade.result(), kind)) {
                registry.cancelAdmission();
            }
        });
    }
}
