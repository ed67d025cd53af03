package dev.certstream.watcher;

import dev.certstream.node.ClusterConfig;
import dev.certstream.node.EnvReader;
import dev.certstream.node.RoleMain;
import dev.certstream.watcher.cluster.ClusterAssignment;
import dev.certstream.watcher.cluster.ClusterProgressStore;

/**
 * Entry point of the watcher deployable: {@code watcher} joins the cluster and follows this watcher's
 * share of the logs; probes, metrics and {@code /stats} (the logs it follows) on {@code CERTSTREAM_HEALTH_PORT}.
 */
public final class Main {

    private static final String ROLE = "watcher";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("watcher")) {
            System.err.println("usage: watcher");
            System.exit(2);
        }
        EnvReader env = new EnvReader(System.getenv());
        WatcherConfig config = RoleMain.config(ROLE, () -> WatcherConfig.fromEnv(env));
        ClusterConfig cluster = RoleMain.config(ROLE, () -> ClusterConfig.fromEnv(env));
        RoleMain.runClustered(ROLE, cluster, RoleMain.Probes.PROBE_SERVER, node -> {
            ClusterProgressStore progress = new ClusterProgressStore(node.vertx(), cluster.callTimeout(),
                    config.cluster().progressDelay());
            // A registration outlives three missed refreshes; a dead watcher leaves the member list sooner.
            ClusterAssignment assignment = new ClusterAssignment(node.vertx(), node.manager(), node.view(),
                    cluster.callTimeout(), config.cluster().rebalanceInterval().multipliedBy(3), cluster.failureTimeout());
            WatcherVerticle watcher = new WatcherVerticle(config, progress, new WatcherMetrics(node.meters()),
                    node.manager().getNodeId(), assignment);
            return progress.open(config.progress().progressFlush().toMillis())
                    .compose(v -> node.vertx().deployVerticle(watcher))
                    .map(id -> new RoleMain.Started("following its share of the logs", watcher::stats));
        });
    }
}
