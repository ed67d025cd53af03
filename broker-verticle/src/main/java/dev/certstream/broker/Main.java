package dev.certstream.broker;

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
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of the broker deployable: joins the cluster, copies the state of a live broker replica if
 * there is one, and answers the gateways; probes and metrics on {@code CERTSTREAM_HEALTH_PORT}.
 */
public final class Main {

    private static final String ROLE = "broker";

    private Main() {
    }

    public static void main(String[] args) {
        EnvReader env = new EnvReader(System.getenv());
        BrokerConfig config = RoleMain.config(ROLE, () -> BrokerConfig.fromEnv(env));
        ClusterConfig cluster = RoleMain.config(ROLE, () -> ClusterConfig.fromEnv(env));
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        HazelcastClusterManager manager = ClusterNode.clusterManager(cluster);
        AtomicBoolean deployed = new AtomicBoolean();
        RoleMain.join(ROLE, cluster, manager, Vertx.builder(), new VertxOptions())
                .compose(vertx -> {
                    Future<io.vertx.core.http.HttpServer> started = vertx
                            .deployVerticle(BrokerVerticle.syncingWithPeers(config, cluster.callTimeout().toMillis(),
                                    () -> manager.getNodes().size()))
                            .onSuccess(id -> deployed.set(true))
                            .compose(id -> ProbeServer.start(vertx, "0.0.0.0", cluster.healthPort(),
                                    () -> Future.succeededFuture(deployed.get() && manager.isActive()), meters::scrape));
                    RoleMain.closeOnShutdown(ROLE, vertx, started);
                    return started;
                })
                .onSuccess(server -> LoggerFactory.getLogger(Main.class).info("broker up; probes on port {}", server.actualPort()))
                .onFailure(e -> RoleMain.failed(ROLE, e));
    }
}
