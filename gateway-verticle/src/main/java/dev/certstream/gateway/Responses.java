package dev.certstream.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The headers every JSON route sends (type and open CORS, since browsers poll them) and the error shape. */
final class Responses {

    static final String JSON = "application/json";

    private Responses() {
    }

    static HttpServerResponse withCors(RoutingContext ctx, int status, String contentType) {
        return ctx.response().setStatusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("Access-Control-Allow-Origin", "*")
                .putHeader("Cache-Control", "no-store");
    }

    static void json(RoutingContext ctx, int status, Buffer body) {
        withCors(ctx, status, JSON).end(body);
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        json(ctx, status, body.toBuffer());
    }

    /** {@code {"error": message, "status": status}} with that status. */
    static void error(RoutingContext ctx, int status, String message) {
        json(ctx, status, new JsonObject().put("error", message).put("status", status));
    }
}
