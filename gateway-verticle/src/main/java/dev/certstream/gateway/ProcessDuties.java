package dev.certstream.gateway;

import dev.certstream.contract.BusAddresses;
import dev.certstream.gateway.access.TokenStore;
import dev.certstream.gateway.resume.PeerDirectory;
import dev.certstream.gateway.resume.ReplayBuffer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * What one instance does for its whole gateway process: reloads the tokens file, ages the replay buffer,
 * publishes the gateway's status (its clients for the brokers' totals, its buffer for its peers), learns its
 * peers from theirs, and answers their replay requests.
 */
final class ProcessDuties {

    /** How often the status is published; a peer silent for three of these is taken for gone. */
    private static final long STATUS_MILLIS = 5_000;
    /** A new peer is answered with our status at once, but not more than once in this period. */
    private static final long ANSWER_NEWCOMERS_MILLIS = 500;

    /** Runs a task every period until the instance stops. */
    interface Periodic {
        void every(long millis, Runnable task);
    }

    private final Vertx vertx;
    private final GatewayConfig config;
    private final GatewayServices services;
    private final Periodic periodic;
    private long lastStatus = Long.MIN_VALUE;

    ProcessDuties(Vertx vertx, GatewayConfig config, GatewayServices services, Periodic periodic) {
        this.vertx = vertx;
        this.config = config;
        this.services = services;
        this.periodic = periodic;
    }

    Future<?> start() {
        List<Future<?>> ready = new ArrayList<>();
        TokenStore tokens = services.gate().tokens();
        if (tokens.enabled()) {
            // Reading the tokens file is blocking I/O.
            ready.add(vertx.executeBlocking(tokens::reloadIfChanged));
            periodic.every(config.subscriptions().clients().tokensReload().toMillis(), () -> vertx.executeBlocking(tokens::reloadIfChanged));
        }
        ReplayBuffer buffer = services.streams().buffer();
        if (buffer != null) {
            periodic.every(1000, buffer::tick);
        }
        PeerDirectory directory = services.peers();
        if (directory != null) {
            MessageConsumer<JsonObject> statuses = vertx.eventBus().consumer(BusAddresses.GATEWAY_STATUS, message -> {
                if (directory.heard(message.body()) && System.currentTimeMillis() - lastStatus > ANSWER_NEWCOMERS_MILLIS) {
                    publishStatus();
                }
            });
            ready.add(statuses.completion());
        }
        if (services.peerServer() != null) {
            MessageConsumer<JsonObject> replays = vertx.eventBus().consumer(PeerDirectory.address(services.registry().id()),
                    message -> services.streams().readers()
                            .executeBlocking(() -> services.peerServer().answer(message.body()), false)
                            .onSuccess(message::reply)
                            .onFailure(failure -> message.fail(500, String.valueOf(failure.getMessage()))));
            ready.add(replays.completion());
        }
        periodic.every(STATUS_MILLIS, this::publishStatus);
        return Future.all(ready).onSuccess(v -> publishStatus());
    }

    /** One instance speaks for the whole gateway process in the brokers' totals and to its peers. */
    private void publishStatus() {
        lastStatus = System.currentTimeMillis();
        JsonObject status = new JsonObject().put("gateway", services.registry().id())
                .put("current_users", services.registry().clients())
                .put("dropped_messages", services.registry().drops());
        ReplayBuffer buffer = services.streams().buffer();
        if (buffer != null) {
            status.put("replay_oldest_ms", buffer.oldestArrival());
        }
        vertx.eventBus().publish(BusAddresses.GATEWAY_STATUS, status);
    }
}
