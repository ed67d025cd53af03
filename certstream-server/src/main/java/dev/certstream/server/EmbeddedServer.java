package dev.certstream.server;

import dev.certstream.broker.BrokerVerticle;
import dev.certstream.gateway.GatewayDeployment;
import dev.certstream.gateway.GatewayVerticle;
import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.watcher.LocalBacklog;
import dev.certstream.watcher.cluster.FileProgressStore;
import dev.certstream.watcher.cluster.LogAssignment;
import dev.certstream.watcher.WatcherConfig;
import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.WatcherVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.net.URI;
import java.nio.file.Files;

/**
 * The embedded default: broker, gateway and watcher deployed in one Vert.x on its local event bus,
 * and with {@code --demo} a CT log simulator in the same process that the watcher follows.
 */
public final class EmbeddedServer {

    private final GatewayDeployment gateway;
    private final WatcherVerticle watcher;
    private final CtLogSimulator simulator;

    private EmbeddedServer(GatewayDeployment gateway, WatcherVerticle watcher, CtLogSimulator simulator) {
        this.gateway = gateway;
        this.watcher = watcher;
        this.simulator = simulator;
    }

    /** Deploys everything; fails if any part fails to start. */
    public static Future<EmbeddedServer> start(Vertx vertx, PrometheusMeterRegistry meters, ServerSettings settings) {
        Future<CtLogSimulator> simulator = settings.demo() == null
                ? Future.succeededFuture(null) : CtLogSimulator.start(vertx, settings.demo());
        return simulator.compose(sim -> {
            WatcherConfig watcherConfig = sim == null ? settings.watcher()
                    : settings.watcher().toBuilder().logList(l -> l.url(URI.create(sim.logListUrl()))).build();
            return vertx.deployVerticle(new BrokerVerticle(settings.broker()))
                    .compose(broker -> GatewayVerticle.deploy(vertx, settings.gateway(), meters))
                    .compose(gateway -> startWatcher(vertx, meters, watcherConfig, sim != null,
                                    new LocalBacklog(gateway::backlog, settings.gateway().fanoutBacklog()))
                            .map(watcher -> {
                                gateway.addMemoryFigures("watcher", watcher::memoryJson);
                                return new EmbeddedServer(gateway, watcher, sim);
                            }));
        });
    }

    /**
     * The watcher publishes to the gateway in this JVM, so it holds its publishing while the gateway is
     * behind ({@code backlog}) instead of making it shed: a burst (start-up, catch-up) then loses nothing.
     */
    private static Future<WatcherVerticle> startWatcher(Vertx vertx, PrometheusMeterRegistry meters,
                                                        WatcherConfig config, boolean demo, LocalBacklog backlog) {
        return vertx.executeBlocking(() -> {
            Files.createDirectories(config.progress().dataDir());
            if (demo) {
                // The demo simulator's URLs change with its port on every run: old progress is noise.
                Files.deleteIfExists(config.progress().dataDir().resolve("progress.json"));
            }
            return config.progress().dataDir().resolve("progress.json");
        }).compose(file -> {
            FileProgressStore progress = new FileProgressStore(vertx, file);
            WatcherVerticle watcher = new WatcherVerticle(config, progress, new WatcherMetrics(meters), "embedded",
                    LogAssignment.ALL, backlog);
            return progress.open(config.progress().progressFlush().toMillis())
                    .compose(v -> vertx.deployVerticle(watcher))
                    .map(id -> watcher);
        });
    }

    /** The port clients connect to. */
    public int port() {
        return gateway.port();
    }

    public WatcherVerticle watcher() {
        return watcher;
    }

    /** The in-process simulator of {@code --demo}, or null. */
    public CtLogSimulator simulator() {
        return simulator;
    }
}
