package dev.certstream.node;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every role's {@code main} does the same way, so a {@code Main} only parses its configuration and
 * deploys its verticle: read the configuration (exit 2 naming the bad variable), build Vert.x with one
 * metrics registry, join the cluster, serve probes, close Vert.x cleanly on SIGTERM (leaving the cluster,
 * handing work over), and exit (2 for a taken port, naming its variable; 1 otherwise) when starting fails.
 */
public final class RoleMain {

    private static final Logger LOG = LoggerFactory.getLogger(RoleMain.class);
    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    /** Where a role's {@code /health}, {@code /ready} and {@code /metrics} are answered. */
    public enum Probes {
        /** A {@link ProbeServer} on {@code CERTSTREAM_HEALTH_PORT}, started once the role is deployed. */
        PROBE_SERVER,
        /** The role's own HTTP server (the gateway's) answers them. */
        ROLE_SERVER
    }

    /** What a role deploys itself with. */
    public record Node(Vertx vertx, PrometheusMeterRegistry meters, ClusterConfig cluster,
                       HazelcastClusterManager manager, ClusterView view) {
    }

    /**
     * A deployed role: what the start-up line says about it, and its part of the probe server's {@code /stats}.
     */
    public record Started(String summary, Supplier<Future<JsonObject>> stats) {

        /** A role with nothing of its own to add to {@code /stats}. */
        public static Started as(String summary) {
            return new Started(summary, () -> Future.succeededFuture(new JsonObject()));
        }
    }

    private RoleMain() {
    }

    /** Parses configuration; a {@link ConfigException} ends the process with status 2 and the message. */
    public static <T> T config(String role, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("certstream " + role + ": configuration error: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** Starts a clustered role: joins, lets {@code deploy} deploy it, then serves its probes. */
    public static void runClustered(String role, ClusterConfig cluster, Probes probes, Function<Node, Future<Started>> deploy) {
        JvmGuard.install();
        HeapGuard.install(config(role, () -> HeapGuardSettings.fromEnv(new EnvReader(System.getenv()))));
        PrometheusMeterRegistry meters = NodeMetrics.newRegistry();
        Quorum quorum = new Quorum(cluster.quorum(), ClusterNode.heartbeatTolerance(cluster), System::nanoTime);
        HazelcastClusterManager manager = ClusterNode.clusterManager(cluster, role, quorum);
        VertxOptions options = ClusterNode.vertxOptions(cluster, new VertxOptions());
        LOG.info("{} joining cluster '{}' as {} via {}", role, cluster.name(), cluster.host(),
                cluster.dnsService() != null ? "DNS " + cluster.dnsService() : "members " + cluster.members());
        ClusterNode.join(NodeMetrics.instrument(Vertx.builder(), options, meters), manager, cluster)
                .compose(vertx -> {
                    LOG.info("{} joined as node {}", role, manager.getNodeId());
                    Node node = new Node(vertx, meters, cluster, manager, new ClusterView(manager, quorum));
                    AtomicBoolean deployed = new AtomicBoolean();
                    Future<String> started = deploy.apply(node).onSuccess(s -> deployed.set(true))
                            .compose(s -> probes == Probes.ROLE_SERVER ? Future.succeededFuture(s.summary())
                                    : ProbeServer.start(vertx, "0.0.0.0", cluster.healthPort(),
                                            () -> Future.succeededFuture(deployed.get() && manager.isActive()
                                                    && node.view().mayWork()),
                                            meters::scrape, () -> nodeStats(role, node, s))
                                    .map(server -> s.summary() + "; probes on port " + server.actualPort()));
                    closeOnShutdown(role, vertx, started);
                    return started;
                })
                .onSuccess(summary -> LOG.info("{} up: {}", role, summary))
                .onFailure(e -> failed(role, e));
    }

    /** Starts a role on a local (not clustered) Vert.x: the embedded server. */
    public static void runLocal(String role, Function<Node, Future<Started>> deploy) {
        JvmGuard.install();
        HeapGuard.install(config(role, () -> HeapGuardSettings.fromEnv(new EnvReader(System.getenv()))));
        PrometheusMeterRegistry meters = NodeMetrics.newRegistry();
        Vertx vertx = NodeMetrics.instrument(Vertx.builder(), new VertxOptions(), meters).build();
        Future<Started> started = deploy.apply(new Node(vertx, meters, null, null, null));
        closeOnShutdown(role, vertx, started);
        started.onSuccess(s -> LOG.info("{}", s.summary())).onFailure(e -> failed(role, e));
    }

    private static Future<JsonObject> nodeStats(String role, Node node, Started started) {
        return started.stats().get().compose(own -> node.view().subscriptions().map(subscriptions -> new JsonObject()
                .put("role", role).put("cluster", node.view().toJson().put("subscriptions", subscriptions))
                .put("memory", MemoryFigures.json()).mergeIn(own, true)));
    }

    /**
     * Closes Vert.x on SIGTERM or Ctrl-C (undeploying: progress saved, logs handed over, the cluster left).
     * A signal during start-up first lets the start finish or fail, so nothing deploys into a closing
     * Vert.x; the wait and the close are both bounded.
     */
    static void closeOnShutdown(String role, Vertx vertx, Future<?> started) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            SHUTTING_DOWN.set(true);
            LOG.info("{} shutting down", role);
            try {
                started.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception startFailedOrSlow) {
                // Closing is what matters now; the start's own failure is logged where it happened.
            }
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("{}: unclean shutdown: {}", role, e.toString());
            }
        }, "certstream-shutdown"));
    }

    /**
     * Logs why the role could not start and ends the process, from a thread of its own: {@code System.exit}
     * on an event loop would block it while the shutdown hook waits for that loop. A setting the machine
     * refused (a taken port) ends it with status 2 like any bad setting, anything else with 1. During a
     * shutdown the process is ending anyway, so it only logs.
     */
    static void failed(String role, Throwable cause) {
        if (SHUTTING_DOWN.get()) {
            LOG.info("{} stopped while starting: {}", role, cause.toString());
            return;
        }
        int status = 1;
        if (cause instanceof ConfigException) {
            System.err.println("certstream " + role + ": configuration error: " + cause.getMessage());
            LOG.error("certstream {} failed to start: {}", role, cause.getMessage());
            status = 2;
        } else {
            LOG.error("certstream {} failed to start: {}", role, cause.toString(), cause);
        }
        int exit = status;
        new Thread(() -> System.exit(exit), "certstream-exit").start();
    }
}
