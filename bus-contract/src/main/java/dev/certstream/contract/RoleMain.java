package dev.certstream.contract;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What every clustered role's {@code main} does the same way: read its configuration (exit 2 naming the
 * bad variable), join the cluster, close Vert.x cleanly on SIGTERM (leaving the cluster, handing work
 * over), and exit 1 when starting fails.
 */
public final class RoleMain {

    private static final Logger LOG = LoggerFactory.getLogger(RoleMain.class);

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

    /**
     * Joins the cluster with a builder the role prepared (metrics, for instance) and installs the
     * shutdown hook; the manager is created here so the role can ask it about members.
     */
    public static Future<Vertx> join(String role, ClusterConfig cluster, HazelcastClusterManager manager,
                                     VertxBuilder builder, VertxOptions options) {
        JvmGuard.install();
        LOG.info("{} joining cluster '{}' as {} via {}", role, cluster.name(), cluster.host(),
                cluster.dnsService() != null ? "DNS " + cluster.dnsService() : "members " + cluster.members());
        return builder.with(ClusterNode.vertxOptions(cluster, options)).withClusterManager(manager).buildClustered()
                .onSuccess(vertx -> {
                    LOG.info("{} joined as node {}", role, manager.getNodeId());
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> close(role, vertx), "certstream-shutdown"));
                });
    }

    private static void close(String role, Vertx vertx) {
        LOG.info("{} shutting down", role);
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("{}: unclean shutdown: {}", role, e.toString());
        }
    }

    /** Logs why the role could not start and ends the process with status 1. */
    public static void failed(String role, Throwable cause) {
        LOG.error("certstream {} failed to start: {}", role, cause.toString(), cause);
        System.exit(1);
    }
}
