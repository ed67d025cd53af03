package dev.certstream.gateway;

import dev.certstream.gateway.stream.StreamNames;

import dev.certstream.contract.StreamKind;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** Every HTTP route of the gateway in one table (vertx-web matches each also with a trailing slash). */
final class GatewayRouter {

    private GatewayRouter() {
    }

    static Router create(Vertx vertx, StreamRoutes streams, SseRoutes events, ApiRoutes api) {
        Router router = Router.router(vertx);
        router.get("/latest.json").handler(api::latest);
        router.get("/example.json").handler(ctx -> api.example(ctx, StreamKind.LITE));
        router.get("/full-stream/example.json").handler(ctx -> api.example(ctx, StreamKind.FULL));
        router.get("/domains-only/example.json").handler(ctx -> api.example(ctx, StreamKind.DOMAINS));
        router.get("/stats").handler(api::stats);
        router.get("/health").handler(api::health);
        router.get("/ready").handler(api::ready);
        router.get("/metrics").handler(api::metrics);
        router.get("/events").handler(events::handle);
        router.get("/filter").handler(api::filter);
        router.get("/assets/*").handler(StaticHandler.create("certstream-web/assets"));
        // Browsers ask for /favicon.ico whatever the page declares; an SVG answers both.
        router.get("/favicon.ico").handler(ctx -> ctx.response().putHeader("Content-Type", "image/svg+xml")
                .putHeader("Cache-Control", "max-age=86400").sendFile("certstream-web/assets/favicon.svg"));
        for (StreamKind kind : StreamKind.values()) {
            router.get(StreamNames.route(kind)).handler(ctx -> streams.handle(ctx, kind));
        }
        // No catch-all route: vertx-web then answers 405 for a known path with another method.
        router.errorHandler(404, ctx -> Responses.error(ctx, 404, "no such route: " + ctx.request().path()));
        router.errorHandler(405, ctx -> Responses.error(ctx, 405, "method not allowed: " + ctx.request().method()));
        router.errorHandler(500, ctx -> Responses.error(ctx, 500, "internal error"));
        return router;
    }
}
