package dev.certstream.gateway;

import dev.certstream.gateway.stream.ClientRegistry;

import dev.certstream.contract.BrokerReplies;
import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.heal.MissedRanges;
import dev.certstream.node.ClusterView;
import dev.certstream.node.MemoryFigures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import dev.certstream.gateway.filter.FilterException;
import dev.certstream.gateway.filter.FilterSpec;

import java.util.HashSet;
import java.util.Set;

/**
 * The JSON routes: {@code /latest.json}, the examples and {@code /stats} come from the broker over the
 * bus (503 when it has nothing yet; when no broker answers in time, its last answer if recent enough,
 * with its age, else 503); health, readiness and metrics are local. A clustered gateway is ready only while
 * its side of the cluster holds the quorum (so Kubernetes sends new clients to the other side's gateways),
 * and its {@code /stats} carries its view of the cluster.
 */
final class ApiRoutes {

    private final Vertx vertx;
    private final GatewayConfig config;
    private final ClientRegistry registry;
    private final GatewayMetrics metrics;
    private final Set<String> filterCheckParams = new HashSet<>(SseRoutes.ROUTE_PARAMS);
    private final DeliveryOptions withTimeout;
    private final RecentAnswers recent;
    private final GatewayServices services;
    /** The cluster this gateway is a member of, or null (a single JVM). */
    private final ClusterView cluster;
    /** The index ranges of each log this gateway never received (after a split), for {@code /stats}. */
    private final MissedRanges missed;

    ApiRoutes(Vertx vertx, GatewayConfig config, GatewayServices services, ClusterView cluster, MissedRanges missed) {
        this.missed = missed;
        this.vertx = vertx;
        this.cluster = cluster;
        this.config = config;
        this.registry = services.registry();
        this.metrics = services.metrics();
        this.services = services;
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
                    .put("fanout", registry.runsJson())
                    .put("filters", metrics.filters().toJson())
                    .put("resume", resumeJson())
                    .put("unique", new JsonObject().put("repeats_left_out", (long) metrics.repeats()))
                    .put("memory", memory(body.remove("broker_memory")));
            if (cluster != null) {
                body.put("cluster", cluster.toJson()).put("missed_ranges", missed.toJson());
            }
            Responses.json(ctx, answer.succeeded() ? 200 : 503, body);
        });
    }

    /** Replays, gaps, peers, and the replay buffer's size and age ({@code "buffer": null} when it is off). */
    private JsonObject resumeJson() {
        JsonObject json = metrics.resume().toJson();
        json.put("buffer", services.streams().buffer() == null ? null : services.streams().buffer().toJson());
        json.put("peers", services.peers() == null ? 0 : services.peers().candidates().size());
        return json;
    }

    /**
     * {@code GET /filter?<filter>}: checks a filter without subscribing. 200 with its canonical form (what
     * clients with the same slice share, and a query string that asks for it), or the 400 a stream route
     * would give. The index page uses it to explain a bad filter, which an EventSource cannot show.
     */
    void filter(RoutingContext ctx) {
        try {
            FilterSpec spec = StreamAdmission.filterOf(ctx.request(), config.subscriptions().filters(), filterCheckParams);
            Responses.json(ctx, 200, new JsonObject().put("filter", spec.key()).put("terms", spec.terms())
                    .put("empty", spec.isEmpty()));
        } catch (FilterException e) {
            Responses.error(ctx, e.status(), "bad filter: " + e.getMessage());
        }
    }

    /** This process's heap and direct memory, the socket queues, and (when it answered) the broker's ring. */
    private JsonObject memory(Object broker) {
        JsonObject figures = MemoryFigures.json();
        figures.getJsonObject("heap_guard").put("refused_streams", metrics.refusedForMemoryCount());
        JsonObject memory = registry.withOtherMemory(figures.put("gateway_queues", registry.queuesJson())
                .put("gateway_backlog_tasks", registry.backlogsJson()));
        if (broker instanceof JsonObject brokerMemory) {
            memory.put("broker", brokerMemory);
        }
        return memory;
    }

    void health(RoutingContext ctx) {
        Responses.json(ctx, 200, new JsonObject().put("status", "ok"));
    }

    /**
     * Ready when this route is served (so we listen), this side of the cluster holds the quorum, and a broker
     * answers, or answered recently.
     */
    void ready(RoutingContext ctx) {
        if (cluster != null && !cluster.mayWork()) {
            Responses.json(ctx, 503, new JsonObject().put("status", "not ready")
                    .put("error", "this side of the cluster holds no quorum").put("quorum", cluster.quorum().toJson()));
            return;
        }
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

    /** No answer, or a replica that is not current: another replica may answer. */
    private static boolean unanswered(Throwable failure) {
        return failure instanceof ReplyException reply
                && (reply.failureType() == ReplyFailure.TIMEOUT || reply.failureType() == ReplyFailure.NO_HANDLERS
                || reply.failureType() == ReplyFailure.RECIPIENT_FAILURE && reply.failureCode() == BrokerReplies.NOT_CURRENT);
    }

    private <T> Future<T> askOnce(String address, Object body) {
        return vertx.eventBus().<T>request(address, body, withTimeout).map(reply -> reply.body());
    }

    private static void brokerFailed(RoutingContext ctx, Throwable err) {
        if (err instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
                && reply.failureCode() == BrokerReplies.NO_CERTIFICATE_YET) {
            Responses.error(ctx, 503, "no certificate seen yet; try again in a few seconds");
        } else {
            Responses.error(ctx, 503, "broker unavailable: " + err.getMessage());
        }
    }
}
