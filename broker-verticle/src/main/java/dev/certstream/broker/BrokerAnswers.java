package dev.certstream.broker;

import dev.certstream.contract.BrokerReplies;
import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.StreamKind;
import dev.certstream.node.EventLoopBacklog;
import dev.certstream.node.MemoryFigures;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The broker's request/reply side: answers the gateways' latest, example and stats requests and the peers'
 * snapshot requests from the live state while that state is current, and {@link BrokerReplies#NOT_CURRENT}
 * otherwise (but for stats asked as a floor, {@link BusAddresses#STATS_AS_FLOOR}), so a replica catching up
 * after a cut-off or a split never answers with stale counts beside a live one. It stays subscribed throughout: a subscription dropped and taken again around a split can
 * survive the merge on one side only, and a request routed to a replica that no longer listens is lost
 * without an answer.
 */
final class BrokerAnswers {

    private final EventBus bus;
    private final Supplier<BrokerState> state;
    private final GatewayRoster gateways;
    private final String replicaId;
    private final BooleanSupplier current;
    private final EventLoopBacklog backlog;
    private List<MessageConsumer<Object>> consumers = List.of();

    /** @param current whether the state may be served now */
    BrokerAnswers(EventBus bus, Supplier<BrokerState> state, GatewayRoster gateways, String replicaId,
                  BooleanSupplier current, EventLoopBacklog backlog) {
        this.backlog = backlog;
        this.bus = bus;
        this.state = state;
        this.gateways = gateways;
        this.replicaId = replicaId;
        this.current = current;
    }

    /** Whether requests are answered from the state now (subscribed, and the state current). */
    boolean answering() {
        return !consumers.isEmpty() && current.getAsBoolean();
    }

    /** Starts answering; completes once every address is registered in the cluster. */
    Future<Void> register() {
        if (!consumers.isEmpty()) {
            return Future.succeededFuture();
        }
        consumers = List.of(
                bus.consumer(BusAddresses.BROKER_LATEST, request -> ifCurrent(request, this::answerLatest)),
                bus.consumer(BusAddresses.BROKER_EXAMPLE, request -> ifCurrent(request, this::answerExample)),
                bus.consumer(BusAddresses.BROKER_STATS, request -> {
                    if (BusAddresses.STATS_AS_FLOOR.equals(request.body())) {
                        answerStats(request);
                    } else {
                        ifCurrent(request, this::answerStats);
                    }
                }),
                bus.consumer(BusAddresses.BROKER_SNAPSHOT, this::answerSnapshot));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
    }

    private void ifCurrent(Message<Object> request, Consumer<Message<Object>> answer) {
        if (current.getAsBoolean()) {
            answer.accept(request);
        } else {
            request.fail(BrokerReplies.NOT_CURRENT, "this broker replica is not current; ask another");
        }
    }

    private void answerLatest(Message<Object> request) {
        request.reply(state.get().latestBody());
    }

    private void answerExample(Message<Object> request) {
        StreamKind kind;
        try {
            kind = StreamKind.valueOf(String.valueOf(request.body()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            request.fail(BrokerReplies.BAD_REQUEST, "unknown stream: " + request.body());
            return;
        }
        Buffer newest = state.get().newest(kind);
        if (newest == null) {
            request.fail(BrokerReplies.NO_CERTIFICATE_YET, "no certificate seen yet");
        } else {
            request.reply(newest);
        }
    }

    private void answerStats(Message<Object> request) {
        BrokerState now = state.get();
        // The answering broker's own memory: in a cluster it is another process than the gateway's.
        JsonObject memory = now.memoryJson().put("heap", MemoryFigures.json().getJsonObject("heap"))
                .put("backlog_tasks", backlog.pendingTasks());
        request.reply(now.statsJson().put("gateways", gateways.json(System.currentTimeMillis()))
                .put("broker_memory", memory));
    }

    private void answerSnapshot(Message<Object> request) {
        if (replicaId.equals(request.body())) {
            request.fail(BrokerReplies.OWN_REQUEST, "a replica does not copy itself");
        } else if (!current.getAsBoolean()) {
            request.fail(BrokerReplies.NOT_CURRENT, "this broker replica is not current; copy another");
        } else {
            request.reply(state.get().snapshot());
        }
    }
}
