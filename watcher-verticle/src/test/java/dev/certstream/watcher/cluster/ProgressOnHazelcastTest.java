package dev.certstream.watcher.cluster;

import dev.certstream.node.ClusterConfig;
import dev.certstream.node.ClusterNode;
import dev.certstream.node.EnvReader;
import dev.certstream.node.Quorum;
import dev.certstream.testing.Wait;
import dev.certstream.watcher.verify.MerkleFrontier;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The progress record through Hazelcast itself (values serialized into the cluster map and back, as a
 * takeover reads them), on a one-member cluster over loopback.
 */
class ProgressOnHazelcastTest {

    private static Vertx oneMemberCluster() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ClusterConfig cluster = ClusterConfig.fromEnv(new EnvReader(Map.of(
                "CERTSTREAM_CLUSTER_NAME", "progress-" + UUID.randomUUID().toString().substring(0, 8),
                "CERTSTREAM_CLUSTER_MEMBERS", "127.0.0.1:" + port,
                "CERTSTREAM_CLUSTER_PORT", Integer.toString(port))));
        // A watcher, so that this member alone holds the quorum the progress map is written under.
        Quorum quorum = new Quorum(cluster.quorum(), ClusterNode.heartbeatTolerance(cluster), System::nanoTime);
        Vertx vertx = await(ClusterNode.join(Vertx.builder().with(ClusterNode.vertxOptions(cluster, new VertxOptions())),
                ClusterNode.clusterManager(cluster, "watcher", quorum), cluster));
        Wait.until("the quorum held", Duration.ofSeconds(30), Duration.ofMillis(100), () -> quorum.state().quorate());
        return vertx;
    }

    /**
     * A split's merge may leave the cluster an older copy of a log's progress (here written over by hand):
     * the watcher that saved the newer one resumes there, frontier included, never at the stale index.
     */
    @Test
    void aStaleClusterValueNeverMovesTheWriterBack() throws Exception {
        Vertx vertx = oneMemberCluster();
        try {
            LogProgress ahead = LogProgress.of(ProgressRecordTest.frontier(6_190), null);
            ClusterProgressStore owner = new ClusterProgressStore(vertx, Duration.ofSeconds(10), Duration.ofHours(1));
            await(owner.open(3_600_000));
            owner.save("https://log.test/", ahead);
            await(owner.flush());
            io.vertx.core.shareddata.AsyncMap<String, Object> map =
                    await(vertx.sharedData().<String, Object>getAsyncMap(ClusterProgressStore.MAP));
            await(map.put("https://log.test/", LogProgress.at(4_857).toJson().encode()));
            assertEquals(ahead, await(owner.loadProgress("https://log.test/")));
            ClusterProgressStore other = new ClusterProgressStore(vertx, Duration.ofSeconds(10), Duration.ofHours(1));
            await(other.open(3_600_000));
            assertEquals(4_857, await(other.loadProgress("https://log.test/")).nextIndex(),
                    "a watcher that never saw more has only the cluster's value");
        } finally {
            await(vertx.close());
        }
    }

    @Test
    void theFrontierAndHeadSurviveTheClusterMap() throws Exception {
        Vertx vertx = oneMemberCluster();
        try {
            MerkleFrontier frontier = ProgressRecordTest.frontier(12_345);
            LogProgress progress = LogProgress.of(frontier, ProgressRecordTest.head(ProgressRecordTest.frontier(12_000)));
            ClusterProgressStore owner = new ClusterProgressStore(vertx, Duration.ofSeconds(10), Duration.ofHours(1));
            await(owner.open(3_600_000));
            owner.save("https://log.test/", progress);
            await(owner.flush());
            ClusterProgressStore next = new ClusterProgressStore(vertx, Duration.ofSeconds(10), Duration.ofHours(1));
            await(next.open(3_600_000));
            LogProgress read = await(next.loadProgress("https://log.test/"));
            assertEquals(progress, read);
            assertEquals(frontier.root().length, read.merkleFrontier().root().length);
            assertEquals(java.util.HexFormat.of().formatHex(frontier.root()),
                    java.util.HexFormat.of().formatHex(read.merkleFrontier().root()));
        } finally {
            await(vertx.close());
        }
    }
}
