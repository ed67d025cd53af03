package dev.certstream.gateway;

import dev.certstream.gateway.stream.StreamHub;
import dev.certstream.gateway.stream.Subscription;
import dev.certstream.gateway.stream.SseTransport;
import dev.certstream.gateway.stream.SseEvents;

import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.resume.ResumeRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * {@code GET /events?stream=lite|full|domains&<filters>}: the same messages as the websocket routes as
 * Server-Sent Events, one {@code id:}/{@code data:} event each, under the same admission, queue and drop
 * policy; CORS is open as on the JSON routes, so a page on any origin can use an EventSource.
 */
final class SseRoutes {

    /** Query parameters of {@code /events} that are not filters. */
    static final Set<String> ROUTE_PARAMS = union(Set.of("stream", "token"), ResumeRequest.PARAMETERS);

    private final StreamHub hub;
    private final StreamAdmission admission;
    private final GatewayConfig config;

    SseRoutes(StreamHub hub, StreamAdmission admission, GatewayConfig config) {
        this.hub = hub;
        this.admission = admission;
        this.config = config;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    void handle(RoutingContext ctx) {
        String stream = ctx.request().getParam("stream", "lite");
        StreamKind kind = switch (stream) {
            case "lite" -> StreamKind.LITE;
            case "full" -> StreamKind.FULL;
            case "domains" -> StreamKind.DOMAINS;
            default -> null;
        };
        if (kind == null) {
            Responses.error(ctx, 400, "bad parameter: stream must be lite, full or domains");
            return;
        }
        admission.admit(ctx, kind, ROUTE_PARAMS, true, subscription -> open(ctx.request(), subscription));
    }

    private void open(HttpServerRequest request, Subscription subscription) {
        HttpServerResponse response = request.response();
        if (response.closed()) {
            hub.attachOrRelease(null, subscription);
            return;
        }
        response.setChunked(true).setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Access-Control-Allow-Origin", "*")
                // ingress-nginx (and nginx) would otherwise buffer the stream.
                .putHeader("X-Accel-Buffering", "no");
        String key = subscription.filter() == null ? "" : subscription.filter().key();
        response.write(SseEvents.opening(config.subscriptions().sse().retry().toMillis(), key));
        hub.attachOrRelease(new SseTransport(request, subscription.kind(), config.socketBufferBytes()), subscription);
    }
}
