package dev.certstream.node;

import dev.certstream.testing.Wait;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dropping the event-bus connection to a member, as after a split, on the Vert.x this project runs: the
 * internal map is found, the old connection goes, and the next message opens a new one and arrives.
 */
class EventBusConnectionsTest {

    private final List<Vertx> members = new ArrayList<>();

    @AfterEach
    void leave() throws Exception {
        for (Vertx vertx : members) {
            vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private Vertx join(ClusterConfig cluster) throws Exception {
        HazelcastClusterManager manager = ClusterNode.clusterManager(cluster);
        Vertx vertx = ClusterNode.join(Vertx.builder().with(ClusterNode.vertxOptions(cluster, new VertxOptions())), manager, cluster)
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        members.add(vertx);
        return vertx;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void aDroppedConnectionIsReopenedByTheNextMessage() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ClusterConfig cluster = ClusterConfig.fromEnv(new EnvReader(Map.of(
                "CERTSTREAM_CLUSTER_NAME", "reconnect-" + UUID.randomUUID().toString().substring(0, 8),
                "CERTSTREAM_CLUSTER_MEMBERS", "127.0.0.1:" + port, "CERTSTREAM_CLUSTER_PORT", Integer.toString(port),
                "CERTSTREAM_QUORUM_MEMBERS", "1")));
        Vertx first = join(cluster);
        Vertx second = join(cluster);
        String secondNode = ((io.vertx.core.internal.VertxInternal) second).clusterManager().getNodeId();
        await(second.eventBus().consumer("echo", (Message<String> message) -> message.reply("echo " + message.body()))
                .completion());
        Wait.until("the first member sees the consumer", java.time.Duration.ofSeconds(60), () -> {
            try {
                return "echo 1".equals(await(first.eventBus().<String>request("echo", "1")).body());
            } catch (Exception notYet) {
                return false;
            }
        });

        EventBusConnections connections = EventBusConnections.of(first);
        assertEquals(Set.of(secondNode), connections.nodes(), "one connection, to the other member");
        assertFalse(connections.reset("no-such-node"));
        assertTrue(connections.reset(secondNode), "the open connection is found and dropped");
        assertEquals(Set.of(), connections.nodes());
        assertEquals(1, connections.resets());

        assertEquals("echo 2", await(first.eventBus().<String>request("echo", "2")).body(), "a new connection carries it");
        assertEquals(Set.of(secondNode), connections.nodes());
    }
}
