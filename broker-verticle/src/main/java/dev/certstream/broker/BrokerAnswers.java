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
import java.util.function.Supplier;

/**
 * The broker's request/reply side: answers the gateways' latest, example and stats requests and the peers'
 * snapshot requests from the live state. It is registered only while that state is current, so a replica
 * catching up after a cut-off never answers with stale counts beside a live one.
 */
final class BrokerAnswers {

    private final EventBus bus;
    private final Supplier<BrokerState> state;
    private final GatewayRoster gateways;
    private final String replicaId;
    private final EventLoopBacklog backlog;
    private List<MessageConsumer<Object>> consumers = List.of();

    BrokerAnswers(EventBus bus, Supplier<BrokerState> state, GatewayRoster gateways, String replicaId,
                  EventLoopBacklog backlog) {
        this.backlog = backlog;
        this.bus = bus;
        this.state = state;
        this.gateways = gateways;
        this.replicaId = replicaId;
    }

    boolean registered() {
        return !consumers.isEmpty();
    }

    /** Starts answering; completes once every address is registered in the cluster. */
    Future<Void> register() {
        if (registered()) {
            return Future.succeededFuture();
        }
        consumers = List.of(
                bus.consumer(BusAddresses.BROKER_LATEST, this::answerLatest),
                bus.consumer(BusAddresses.BROKER_EXAMPLE, this::answerExample),
                bus.consumer(BusAddresses.BROKER_STATS, this::answerStats),
                bus.consumer(BusAddresses.BROKER_SNAPSHOT, this::answerSnapshot));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
    }

    /** Stops answering (requests then go to the other replicas). */
    Future<Void> unregister() {
        List<MessageConsumer<Object>> gone = consumers;
        consumers = List.of();
        return Future.join(gone.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
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
        BrokerState current = state.get();
        // The answering broker's own memory: in a cluster it is another process than the gateway's.
        JsonObject memory = current.memoryJson().put("heap", MemoryFigures.json().getJsonObject("heap"))
                .put("backlog_tasks", backlog.pendingTasks());
        request.reply(current.statsJson().put("gateways", gateways.json(System.currentTimeMillis()))
                .put("broker_memory", memory));
    }

    private void answerSnapshot(Message<Object> request) {
        if (replicaId.equals(request.body())) {
            request.fail(BrokerReplies.OWN_REQUEST, "a replica does not copy itself");
        } else {
            request.reply(state.get().snapshot());
        }
    }
}
