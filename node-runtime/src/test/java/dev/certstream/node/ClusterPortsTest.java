package dev.certstream.node;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster's ports when something else holds them: a fixed event-bus port that is taken stops the node
 * naming CERTSTREAM_EVENTBUS_PORT; Hazelcast's port moves on to the next free one (several members share a
 * host), and only when all of its ports are taken does the node stop, naming CERTSTREAM_CLUSTER_PORT.
 */
class ClusterPortsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /**
     * A one-member cluster whose only member address is {@code member}: Hazelcast must not probe the ports
     * the test holds (a listening socket completes the handshake and then never answers, so the join
     * would wait for it as for a frozen member).
     */
    private static ClusterConfig cluster(int clusterPort, int eventBusPort, int member) {
        return ClusterConfig.fromEnv(new EnvReader(Map.of(
                "CERTSTREAM_CLUSTER_NAME", "ports-" + UUID.randomUUID().toString().substring(0, 8),
                "CERTSTREAM_CLUSTER_MEMBERS", "127.0.0.1:" + member,
                "CERTSTREAM_CLUSTER_PORT", Integer.toString(clusterPort),
                "CERTSTREAM_EVENTBUS_PORT", Integer.toString(eventBusPort))));
    }

    /** Joins; the Vert.x on success (closed here), the failure otherwise. */
    private static Object join(ClusterConfig cluster, HazelcastClusterManager manager) throws Exception {
        return ClusterNode.join(Vertx.builder().with(ClusterNode.vertxOptions(cluster, new VertxOptions())), manager, cluster)
                .toCompletionStage().toCompletableFuture()
                .handle((vertx, failure) -> failure != null ? failure : vertx).get(120, TimeUnit.SECONDS);
    }

    /** {@code count} consecutive ports taken here, below the ephemeral range so nothing else holds them. */
    private static List<ServerSocket> takeConsecutive(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000 - count);
            List<ServerSocket> taken = new ArrayList<>();
            try {
                for (int port = base; port < base + count; port++) {
                    taken.add(new ServerSocket(port, 50, LOOPBACK));
                }
                return taken;
            } catch (IOException busy) {
                close(taken);
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports");
    }

    private static void close(List<ServerSocket> sockets) {
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing what we opened; nothing to do
            }
        }
    }

    @Test
    void aTakenEventBusPortFailsNamingItsVariable() throws Exception {
        List<ServerSocket> hazelcastPorts = takeConsecutive(1);
        int clusterPort = hazelcastPorts.get(0).getLocalPort();
        close(hazelcastPorts);
        try (ServerSocket taken = new ServerSocket(0, 50, LOOPBACK)) {
            ClusterConfig cluster = cluster(clusterPort, taken.getLocalPort(), clusterPort);
            Object outcome = join(cluster, ClusterNode.clusterManager(cluster));
            ConfigException named = assertInstanceOf(ConfigException.class, outcome, String.valueOf(outcome));
            assertTrue(named.getMessage().startsWith("CERTSTREAM_EVENTBUS_PORT: port " + taken.getLocalPort()), named.getMessage());
        }
    }

    @Test
    void hazelcastMovesPastATakenPortAndStopsNamingItsVariableWhenAllAreTaken() throws Exception {
        List<ServerSocket> first = takeConsecutive(1);
        try {
            ClusterConfig cluster = cluster(first.get(0).getLocalPort(), 0, first.get(0).getLocalPort() + 1);
            HazelcastClusterManager manager = ClusterNode.clusterManager(cluster);
            Vertx vertx = assertInstanceOf(Vertx.class, join(cluster, manager));
            int bound = manager.getHazelcastInstance().getCluster().getLocalMember().getAddress().getPort();
            vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertEquals(first.get(0).getLocalPort() + 1, bound, "the next port");
        } finally {
            close(first);
        }
        List<ServerSocket> all = takeConsecutive(ClusterNode.PORT_COUNT);
        try {
            ClusterConfig cluster = cluster(all.get(0).getLocalPort(), 0, all.get(0).getLocalPort() + ClusterNode.PORT_COUNT);
            Object outcome = join(cluster, ClusterNode.clusterManager(cluster));
            ConfigException named = assertInstanceOf(ConfigException.class, outcome, String.valueOf(outcome));
            assertTrue(named.getMessage().startsWith("CERTSTREAM_CLUSTER_PORT: ports " + all.get(0).getLocalPort() + " to "
                    + (all.get(0).getLocalPort() + ClusterNode.PORT_COUNT - 1)), named.getMessage());
        } finally {
            close(all);
        }
    }
}
