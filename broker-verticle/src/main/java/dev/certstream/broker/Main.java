package dev.certstream.broker;

import dev.certstream.node.ClusterConfig;
import dev.certstream.node.EnvReader;
import dev.certstream.node.RoleMain;

/**
 * Entry point of the broker deployable: joins the cluster, copies the state of a live broker replica if
 * there is one, and answers the gateways; probes, metrics and {@code /stats} on {@code CERTSTREAM_HEALTH_PORT}.
 */
public final class Main {

    private static final String ROLE = "broker";

    private Main() {
    }

    public static void main(String[] args) {
        EnvReader env = new EnvReader(System.getenv());
        BrokerConfig config = RoleMain.config(ROLE, () -> BrokerConfig.fromEnv(env));
        ClusterConfig cluster = RoleMain.config(ROLE, () -> ClusterConfig.fromEnv(env));
        RoleMain.runClustered(ROLE, cluster, RoleMain.Probes.PROBE_SERVER, node -> {
            BrokerVerticle broker = BrokerVerticle.syncingWithPeers(config, cluster.callTimeout().toMillis(),
                    node.view().cutOff(), new BrokerVerticle.Membership() {
                        @Override
                        public boolean quorate() {
                            return node.view().quorum().quorate();
                        }

                        @Override
                        public boolean merging() {
                            return node.view().settlingAfterMerge();
                        }

                        @Override
                        public long merges() {
                            return node.view().merges();
                        }
                    });
            return node.vertx().deployVerticle(broker)
                    .map(id -> new RoleMain.Started("answering the gateways", broker::stats));
        });
    }
}
