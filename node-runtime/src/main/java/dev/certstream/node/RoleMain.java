package dev.certstream.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What every clustered role's {@code main} does the same way: read its configuration (exit 2 naming the
 * bad variable), join the cluster, close Vert.x cleanly on SIGTERM (leaving the cluster, handing work
 * over), and exit 1 when starting fails.
 */
public final class RoleMain {

    private static final Logger LOG = LoggerFactory.getLogger(RoleMain.class);
    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

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
     * Joins the cluster with a builder the role prepared (metrics, for instance); the manager is created
     * by the caller so the role can ask it about members. Call {@link #closeOnShutdown} once started.
     */
    public static Future<Vertx> join(String role, ClusterConfig cluster, HazelcastClusterManager manager,
                                     VertxBuilder builder, VertxOptions options) {
        JvmGuard.install();
        LOG.info("{} joining cluster '{}' as {} via {}", role, cluster.name(), cluster.host(),
                cluster.dnsService() != null ? "DNS " + cluster.dnsService() : "members " + cluster.members());
        return builder.with(ClusterNode.vertxOptions(cluster, options)).withClusterManager(manager).buildClustered()
                .onSuccess(vertx -> LOG.info("{} joined as node {}", role, manager.getNodeId()));
    }

    /**
     * Closes Vert.x on SIGTERM or Ctrl-C (undeploying: progress saved, logs handed over, the cluster left).
     * A signal during start-up first lets the start finish or fail, so nothing deploys into a closing
     * Vert.x; the wait and the close are both bounded.
     */
    public static void closeOnShutdown(String role, Vertx vertx, Future<?> started) {
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
     * Logs why the role could not start and ends the process with status 1, from a thread of its own:
     * {@code System.exit} on an event loop would block it while the shutdown hook waits for that loop.
     * During a shutdown the process is ending anyway, so it only logs.
     */
    public static void failed(String role, Throwable cause) {
        if (SHUTTING_DOWN.get()) {
            LOG.info("{} stopped while starting: {}", role, cause.toString());
            return;
        }
        LOG.error("certstream {} failed to start: {}", role, cause.toString(), cause);
        new Thread(() -> System.exit(1), "certstream-exit").start();
    }
}
