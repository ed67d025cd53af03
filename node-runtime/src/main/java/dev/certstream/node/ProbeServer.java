package dev.certstream.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/**
 * The small HTTP server of roles without their own (watcher, broker) on {@code CERTSTREAM_HEALTH_PORT}:
 * {@code /health} (the process answers), {@code /ready} (the role's own readiness check), {@code /metrics}
 * (Prometheus text) and {@code /stats} (the node's own state as JSON: its view of the cluster and what the
 * role does), answering as the gateway's routes do.
 */
public final class ProbeServer {

    /** The variable that names the port, for the error when it is taken. */
    public static final String PORT_VARIABLE = "CERTSTREAM_HEALTH_PORT";

    private ProbeServer() {
    }

    /**
     * @param ready   completes with true when the role can do its work (joined, deployed, peers reachable)
     * @param metrics the Prometheus exposition text
     * @param stats   the node's state for {@code /stats}
     */
    public static Future<HttpServer> start(Vertx vertx, String host, int port, Supplier<Future<Boolean>> ready,
                                           Supplier<String> metrics, Supplier<Future<JsonObject>> stats) {
        return vertx.createHttpServer().requestHandler(request -> handle(request, ready, metrics, stats))
                .listen(port, host)
                .recover(failure -> Future.failedFuture(ConfigException.whenPortTaken(failure, PORT_VARIABLE, host, port)));
    }

    private static void handle(HttpServerRequest request, Supplier<Future<Boolean>> ready, Supplier<String> metrics,
                               Supplier<Future<JsonObject>> stats) {
        String path = request.path();
        switch (path) {
            case "/health", "/health/" -> json(request, 200, new JsonObject().put("status", "ok"));
            case "/ready", "/ready/" -> ready.get().otherwise(false).onComplete(result -> {
                boolean ok = Boolean.TRUE.equals(result.result());
                json(request, ok ? 200 : 503, new JsonObject().put("status", ok ? "ready" : "not ready"));
            });
            case "/metrics", "/metrics/" -> request.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.get());
            case "/stats", "/stats/" -> stats.get().onComplete(
                    answer -> json(request, 200, answer),
                    failure -> json(request, 503, new JsonObject().put("error", String.valueOf(failure.getMessage()))));
            default -> json(request, 404, new JsonObject().put("error", "no such route: " + path));
        }
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Access-Control-Allow-Origin", "*").end(body.encode());
    }
}
