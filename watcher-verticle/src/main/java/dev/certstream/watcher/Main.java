package dev.certstream.watcher;

import dev.certstream.watcher.cluster.ClusterAssignment;
import dev.certstream.watcher.cluster.ClusterProgressStore;

import dev.certstream.node.ClusterConfig;
import dev.certstream.node.ClusterNode;
import dev.certstream.node.EnvReader;
import dev.certstream.node.ProbeServer;
import dev.certstream.node.RoleMain;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of the watcher deployable: {@code watcher} joins the cluster and follows this watcher's
 * share of the logs.
 */
public final class Main {

    private static final String ROLE = "watcher";

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "" : arguments.get(0);
        switch (command) {
            case "watcher" -> runWatcher();
            default -> {
                System.err.println("usage: watcher");
                System.exit(2);
            }
        }
    }

    private static void runWatcher() {
        EnvReader env = new EnvReader(System.getenv());
        WatcherConfig config = RoleMain.config(ROLE, () -> WatcherConfig.fromEnv(env));
        ClusterConfig cluster = RoleMain.config(ROLE, () -> ClusterConfig.fromEnv(env));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        HazelcastClusterManager manager = ClusterNode.clusterManager(cluster);
        AtomicBoolean deployed = new AtomicBoolean();
        RoleMain.join(ROLE, cluster, manager, Vertx.builder(), new VertxOptions())
                .compose(vertx -> {
                    ClusterProgressStore progress = new ClusterProgressStore(vertx, cluster.callTimeout(), config.progressDelay());
                    // A registration outlives three missed refreshes; a dead watcher leaves the member list sooner.
                    ClusterAssignment assignment = new ClusterAssignment(vertx, manager, cluster.callTimeout(),
                            config.rebalanceInterval().multipliedBy(3), cluster.failureTimeout());
                    WatcherVerticle watcher = new WatcherVerticle(config, progress, new WatcherMetrics(meters),
                            manager.getNodeId(), assignment);
                    Future<io.vertx.core.http.HttpServer> started = progress.open(config.progressFlush().toMillis())
                            .compose(v -> vertx.deployVerticle(watcher))
                            .onSuccess(id -> deployed.set(true))
                            .compose(id -> ProbeServer.start(vertx, "0.0.0.0", cluster.healthPort(),
                                    () -> Future.succeededFuture(deployed.get() && manager.isActive()), meters::scrape));
                    RoleMain.closeOnShutdown(ROLE, vertx, started);
                    return started;
                })
                .onSuccess(server -> org.slf4j.LoggerFactory.getLogger(Main.class)
                        .info("watcher up; probes on port {}", server.actualPort()))
                .onFailure(e -> RoleMain.failed(ROLE, e));
    }
}
