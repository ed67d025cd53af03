package dev.certstream.gateway;

import dev.certstream.node.ClusterConfig;
import dev.certstream.node.ClusterNode;
import dev.certstream.node.EnvReader;
import dev.certstream.node.RoleMain;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the gateway deployable: joins the cluster and serves the streams, JSON routes, index
 * page, probes and metrics on {@code PORT}; each gateway receives every certificate once.
 */
public final class Main {

    private static final String ROLE = "gateway";

    private Main() {
    }

    public static void main(String[] args) {
        EnvReader env = new EnvReader(System.getenv());
        GatewayConfig config = RoleMain.config(ROLE, () -> GatewayConfig.fromEnv(env));
        ClusterConfig cluster = RoleMain.config(ROLE, () -> ClusterConfig.fromEnv(env));
        PrometheusMeterRegistry meters = MetricsSetup.newRegistry();
        HazelcastClusterManager manager = ClusterNode.clusterManager(cluster);
        VertxOptions options = new VertxOptions();
        RoleMain.join(ROLE, cluster, manager, MetricsSetup.instrument(Vertx.builder(), options, meters), options)
                .compose(vertx -> {
                    Future<GatewayDeployment> started = GatewayVerticle.deploy(vertx, config, meters);
                    RoleMain.closeOnShutdown(ROLE, vertx, started);
                    return started;
                })
                .onSuccess(gateway -> LoggerFactory.getLogger(Main.class).info("gateway up on port {}", gateway.port()))
                .onFailure(e -> RoleMain.failed(ROLE, e));
    }
}
