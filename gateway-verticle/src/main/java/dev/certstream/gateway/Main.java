package dev.certstream.gateway;

import dev.certstream.node.ClusterConfig;
import dev.certstream.node.EnvReader;
import dev.certstream.node.RoleMain;

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
        RoleMain.runClustered(ROLE, cluster, RoleMain.Probes.ROLE_SERVER, node ->
                GatewayVerticle.deploy(node.vertx(), config, node.meters(), node.view())
                        .map(gateway -> RoleMain.Started.as("serving on port " + gateway.port())));
    }
}
