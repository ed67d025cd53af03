package dev.certstream.gateway;

import dev.certstream.gateway.stream.StreamNames;
import dev.certstream.gateway.stream.StreamHub;
import dev.certstream.gateway.stream.Subscription;
import dev.certstream.gateway.stream.ClientTransport;
import dev.certstream.gateway.stream.WebSocketTransport;

import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.resume.ResumeRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The three websocket stream routes: an upgrade joins the stream once {@link StreamAdmission} admits it,
 * a plain GET of {@code /} gets the index page, and a plain GET of another stream gets 426 with an
 * explanation.
 */
final class StreamRoutes {

    static final String INDEX_PAGE = "certstream-web/index.html";
    /** Query parameters of the websocket routes that are not filters. */
    static final Set<String> ROUTE_PARAMS = SseRoutes.union(Set.of("token"), ResumeRequest.PARAMETERS);
    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);

    private final StreamHub hub;
    private final StreamAdmission admission;
    private final GatewayConfig config;

    StreamRoutes(StreamHub hub, StreamAdmission admission, GatewayConfig config) {
        this.hub = hub;
        this.admission = admission;
        this.config = config;
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
        admission.admit(ctx, kind, ROUTE_PARAMS, false, subscription -> upgrade(request, subscription));
    }

    private void upgrade(HttpServerRequest request, Subscription subscription) {
        request.toWebSocket().onComplete(upgrade -> {
            ClientTransport transport = null;
            if (upgrade.failed()) {
                LOG.debug("websocket upgrade from {} failed: {}", request.remoteAddress(), upgrade.cause().toString());
            } else {
                try {
                    transport = new WebSocketTransport(upgrade.result(), subscription.kind(), config.socketBufferBytes());
                } catch (IllegalStateException closedAlready) {
                    transport = null;
                }
            }
            hub.attachOrRelease(transport, subscription);
        });
    }
}
