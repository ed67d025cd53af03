package dev.certstream.node;

import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InterfacesConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.time.Duration;
import java.util.List;

/**
 * How every role joins the cluster: a Hazelcast configuration with no multicast, no auto-detection, no
 * phone-home, bound to one interface, TCP-IP members or Kubernetes DNS discovery, and failure detection
 * tuned to remove a frozen member within seconds; plus the event-bus options that advertise the same host.
 */
public final class ClusterNode {

    /** Hazelcast ports tried from CERTSTREAM_CLUSTER_PORT on: members sharing a host take the next ones. */
    static final int PORT_COUNT = 20;
    /** The split-brain protection every role evaluates ({@link Quorum}) and the progress map is guarded by. */
    public static final String QUORUM = "certstream-quorum";
    /** The watchers' progress map: merged by the higher index, written only by a side holding the quorum. */
    public static final String PROGRESS_MAP = "certstream.progress";
    /**
     * Copies of the shared structures (one owner plus backups): a side of a split keeps a partition as long
     * as one copy is on it, so with four copies a side losing at most three members to the other loses none.
     */
    static final int BACKUPS = 3;

    private ClusterNode() {
    }

    /** The cluster manager of a member with no role that counts toward the quorum (tests). */
    public static HazelcastClusterManager clusterManager(ClusterConfig config) {
        return clusterManager(config, "member", new Quorum(config.quorum(), heartbeatTolerance(config), System::nanoTime));
    }

    /**
     * How long a member may go unheard and still count toward the quorum: 3 s less than the failure timeout
     * (heartbeats go every second), as long as the watchers' standstill limit, so a side stops before the
     * other side removes its members and takes its logs over.
     */
    public static Duration heartbeatTolerance(ClusterConfig config) {
        Duration tolerance = config.failureTimeout().minusSeconds(3);
        return tolerance.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : tolerance;
    }

    /**
     * The cluster manager to hand to {@code Vertx.builder().withClusterManager(...)} for a member of
     * {@code role}, whose side of a split holds the quorum when {@code quorum} says so.
     */
    public static HazelcastClusterManager clusterManager(ClusterConfig config, String role, Quorum quorum) {
        // Once when the cluster has probably settled, once more when a merge's data has surely arrived.
        Duration settled = Duration.ofSeconds(2);
        // And every half failure timeout, so that delivery between survivors resumes within the failure timeout.
        return new ResyncingClusterManager(hazelcastConfig(config, role, quorum),
                List.of(settled, settled.plus(config.failureTimeout())), config.failureTimeout().dividedBy(2));
    }

    /**
     * Joins the cluster with Vert.x as {@code builder} describes it (metrics, say; event-bus options from
     * {@link #vertxOptions}); a taken port fails naming its variable.
     */
    public static Future<Vertx> join(VertxBuilder builder, HazelcastClusterManager manager, ClusterConfig cluster) {
        return builder.withClusterManager(manager).buildClustered()
                .recover(failure -> Future.failedFuture(namePortTaken(failure, cluster)));
    }

    /**
     * How long an event-bus connection may go without answering a ping before Vert.x drops it: as long as
     * Linux keeps retransmitting on it (~15 min). Vert.x's 20 s made a connection cut for longer "dead", and
     * then kept it (closing waits for what is queued to flush, which after a cut waits for TCP's next
     * retransmission, up to 2 min) while every message written to it meanwhile was lost: after a watcher was
     * cut off for 29 s, a gateway missed 73 s of its logs (PartitionIT). Kept open instead, a connection
     * delivers what was queued, late and in order, at TCP's next retransmission after the heal; a member that
     * is gone for good loses its subscriptions after the failure timeout, so nothing more is written to it.
     */
    static final Duration PING_REPLY = Duration.ofMinutes(15);

    /** Sets the event bus to bind to and advertise the cluster host, and to keep connections through splits. */
    public static VertxOptions vertxOptions(ClusterConfig config, VertxOptions options) {
        return options.setEventBusOptions(new EventBusOptions()
                .setHost(config.host())
                .setPort(config.eventBusPort())
                .setClusterPublicHost(config.host())
                .setClusterPingReplyInterval(PING_REPLY.toMillis()));
    }

    /**
     * Names the variable behind a join that failed on a taken port: Hazelcast's port (it tries the next
     * {@value #PORT_COUNT} first, so several members share a host) or the event bus's fixed one.
     */
    static Throwable namePortTaken(Throwable failure, ClusterConfig cluster) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.hazelcast.core.HazelcastException) {
                Throwable named = ConfigException.whenPortTaken(failure, "CERTSTREAM_CLUSTER_PORT", cluster.host(), cluster.port());
                return named != failure ? new ConfigException("CERTSTREAM_CLUSTER_PORT: ports " + cluster.port() + " to "
                        + (cluster.port() + PORT_COUNT - 1) + " on " + cluster.host() + " are all in use; set"
                        + " CERTSTREAM_CLUSTER_PORT to a free range") : failure;
            }
        }
        return cluster.eventBusPort() == 0 ? failure
                : ConfigException.whenPortTaken(failure, "CERTSTREAM_EVENTBUS_PORT", cluster.host(), cluster.eventBusPort());
    }

    static Config hazelcastConfig(ClusterConfig cluster) {
        return hazelcastConfig(cluster, "member", new Quorum(cluster.quorum(), heartbeatTolerance(cluster), System::nanoTime));
    }

    static Config hazelcastConfig(ClusterConfig cluster, String role, Quorum quorum) {
        Config config = new Config();
        config.setClusterName(cluster.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        // Vert.x closes the cluster member itself on shutdown; Hazelcast's own hook would race it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        long failureSeconds = Math.max(2, cluster.failureTimeout().toSeconds());
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(failureSeconds));
        config.setProperty("hazelcast.operation.call.timeout.millis", Long.toString(cluster.callTimeout().toMillis()));
        // A member cut off for a while (frozen, partitioned, or expelled by mistake) forms a cluster of its
        // own; Hazelcast looks for the other side only after 300 s, then every 120 s. Look within seconds,
        // so the deployment is whole again soon after the cause is gone.
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "15");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");

        // Advanced networking with a member endpoint only. With the default (unified) networking, a member
        // that connects to a frozen peer (the kernel completes the TCP handshake for a stopped process, so
        // the connection opens but no protocol bytes ever come back) spins one of its IO output threads:
        // the pipeline's protocol encoder reports "clean" with a frame still queued, so the thread re-runs
        // it forever and never selects again, and every other connection on that thread stalls. Healthy
        // members then miss each other's heartbeats and expel one another. The member endpoint's encoder
        // reports "blocked" in that state instead, which parks the pipeline (seen in thread dumps here).
        AdvancedNetworkConfig network = config.getAdvancedNetworkConfig().setEnabled(true);
        // Bind to and advertise the one cluster address; auto-increment lets several members share a host.
        network.setMemberEndpointConfig(new ServerSocketEndpointConfig()
                .setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(PORT_COUNT)
                .setInterfaces(new InterfacesConfig().setEnabled(true).addInterface(cluster.host())));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (cluster.dnsService() != null) {
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", cluster.dnsService())
                    .setProperty("service-port", Integer.toString(cluster.port()));
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
        }
        // The structures Vert.x's own default-cluster.xml declares (subscriptions, node data) and its locks; all
        // small, so copies are cheap and a split rarely leaves a side without one.
        config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(BACKUPS)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET)
                .setMergePolicyConfig(new MergePolicyConfig(UnionMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE)));
        config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
        config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(BACKUPS));
        config.addMapConfig(new MapConfig("__vertx.map.lock").setBackupCount(BACKUPS));
        // Our shared state (watcher progress, log ownership) is small too: three backups also survive the loss
        // of three members at once (both watchers on one failed node, say).
        config.addMapConfig(new MapConfig("certstream.*").setBackupCount(BACKUPS));
        config.addMapConfig(new MapConfig(PROGRESS_MAP).setBackupCount(BACKUPS)
                .setMergePolicyConfig(new MergePolicyConfig(HigherIndexMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE))
                .setSplitBrainProtectionName(QUORUM));
        // Who this member is, for every member's quorum function; the same attributes survive a merge.
        config.getMemberAttributeConfig().setAttribute(Quorum.ROLE_ATTRIBUTE, role).setAttribute(Quorum.NODE_ATTRIBUTE, quorum.nodeId());
        config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(QUORUM, true)
                .setProtectOn(SplitBrainProtectionOn.WRITE).setFunctionImplementation(quorum));
        return config;
    }
}
