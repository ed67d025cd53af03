package dev.certstream.gateway;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.StreamKind;
import dev.certstream.node.MemoryFigures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The JSON routes: {@code /latest.json}, the examples and {@code /stats} come from the broker over the
 * bus (503 when it has nothing yet; when no broker answers in time, its last answer if recent enough,
 * with its age, else 503); health, readiness and metrics are local.
 */
final class ApiRoutes {

    /** The broker's failure code for "no certificate yet" (BrokerVerticle.NO_CERTIFICATE_YET). */
    static final int BROKER_NOTHING_YET = 404;

    private final Vertx vertx;
    private final GatewayConfig config;
    private final ClientRegistry registry;
    private final GatewayMetrics metrics;
    private final DeliveryOptions withTimeout;
    private final RecentAnswers recent;

    ApiRoutes(Vertx vertx, GatewayConfig config, ClientRegistry registry, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        this.withTimeout = new DeliveryOptions().setSendTimeout(config.brokerTimeout().toMillis());
        this.recent = new RecentAnswers(config.brokerFallbackAge(), System::nanoTime);
    }

    void latest(RoutingContext ctx) {
        this.<Buffer>ask(BusAddresses.BROKER_LATEST, null)
                .onSuccess(answer -> respond(ctx, answer))
                .onFailure(err -> brokerFailed(ctx, err));
    }

    void example(RoutingContext ctx, StreamKind kind) {
        this.<Buffer>ask(BusAddresses.BROKER_EXAMPLE, kind.name())
                .onSuccess(answer -> respond(ctx, answer))
                .onFailure(err -> brokerFailed(ctx, err));
    }

    /** A broker's ready body; a stand-in carries its age, in seconds, in the standard {@code Age} header. */
    private static void respond(RoutingContext ctx, RecentAnswers.Aged<Buffer> answer) {
        if (answer.stale()) {
            ctx.response().putHeader("Age", Long.toString(answer.ageMillis() / 1000));
        }
        Responses.json(ctx, 200, answer.body());
    }

    void stats(RoutingContext ctx) {
        this.<JsonObject>ask(BusAddresses.BROKER_STATS, null).onComplete(answer -> {
            JsonObject body = answer.succeeded() ? answer.result().body().copy() : new JsonObject()
                    .put("error", "broker unavailable: " + answer.cause().getMessage());
            if (answer.succeeded() && answer.result().stale()) {
                body.put("broker_answer_age_ms", answer.result().ageMillis());
            }
            body.put("current_users", registry.clients())
                    .put("current_users_by_stream", registry.clientsJson())
                    .put("max_users", registry.maxClients())
                    .put("dropped_messages", registry.dropsJson(config.statsWorstSockets()))
                    .put("memory", memory(body.remove("broker_memory")));
            Responses.json(ctx, answer.succeeded() ? 200 : 503, body);
        });
    }

    /** This process's heap and direct memory, the socket queues, and (when it answered) the broker's ring. */
    private JsonObject memory(Object broker) {
        JsonObject memory = MemoryFigures.json().put("gateway_queues", registry.queuesJson())
                .put("gateway_backlog_tasks", registry.backlogsJson());
        if (broker instanceof JsonObject brokerMemory) {
            memory.put("broker", brokerMemory);
        }
        return memory;
    }

    void health(RoutingContext ctx) {
        Responses.json(ctx, 200, new JsonObject().put("status", "ok"));
    }

    /** Ready when this route is served (so we listen) and a broker answers, or answered recently. */
    void ready(RoutingContext ctx) {
        ask(BusAddresses.BROKER_STATS, null)
                .onSuccess(ok -> Responses.json(ctx, 200, new JsonObject().put("status", "ready")))
                .onFailure(err -> Responses.json(ctx, 503, new JsonObject().put("status", "not ready")
                        .put("error", "broker unavailable: " + err.getMessage())));
    }

    void metrics(RoutingContext ctx) {
        Responses.withCors(ctx, 200, "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }

    /**
     * Asks a broker, and asks once more when no answer came in time: the event bus picks a replica for
     * each request, so the retry usually reaches the live one when the first went to a broker that just
     * died or froze. When neither is answered, the last answer to the same request stands in if recent.
     */
    private <T> Future<RecentAnswers.Aged<T>> ask(String address, Object body) {
        String request = address + ' ' + body;
        return this.<T>askOnce(address, body).recover(failure -> unanswered(failure)
                        ? askOnce(address, body) : Future.failedFuture(failure))
                .map(answer -> recent.fresh(request, answer))
                .recover(failure -> {
                    RecentAnswers.Aged<T> standIn = unanswered(failure) ? recent.recent(request) : null;
                    return standIn != null ? Future.succeededFuture(standIn) : Future.failedFuture(failure);
                });
    }

    private static boolean unanswered(Throwable failure) {
        return failure instanceof ReplyException reply
                && (reply.failureType() == ReplyFailure.TIMEOUT || reply.failureType() == ReplyFailure.NO_HANDLERS);
    }

    private <T> Future<T> askOnce(String address, Object body) {
        return vertx.eventBus().<T>request(address, body, withTimeout).map(reply -> reply.body());
    }

    private static void brokerFailed(RoutingContext ctx, Throwable err) {
        if (err instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
                && reply.failureCode() == BROKER_NOTHING_YET) {
            Responses.error(ctx, 503, "no certificate seen yet; try again in a few seconds");
        } else {
            Responses.error(ctx, 503, "broker unavailable: " + err.getMessage());
        }
    }
}
