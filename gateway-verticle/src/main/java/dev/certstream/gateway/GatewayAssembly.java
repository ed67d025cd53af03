package dev.certstream.gateway;

import dev.certstream.gateway.access.ClientGate;
import dev.certstream.gateway.access.TokenStore;
import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.filter.MatchMemo;
import dev.certstream.gateway.resume.PeerClient;
import dev.certstream.gateway.resume.PeerDirectory;
import dev.certstream.gateway.resume.PeerServer;
import dev.certstream.gateway.resume.ReplayBuffer;
import dev.certstream.gateway.resume.ReplayConfig;
import dev.certstream.gateway.stream.ClientRegistry;
import dev.certstream.gateway.stream.StreamServices;
import dev.certstream.gateway.unique.ClaimStore;
import dev.certstream.gateway.unique.ClusterClaims;
import dev.certstream.gateway.unique.LocalClaims;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.TimeUnit;

/**
 * Builds what a gateway process's instances share ({@link GatewayServices}) before they are deployed, and
 * closes it: the replay buffer's files are opened off the event loop, claims and peers are cluster-wide only
 * when the Vert.x instance is clustered (the embedded default keeps them in the process).
 */
final class GatewayAssembly {

    /** A peer silent for three of its 5-second status periods is taken for gone. */
    private static final long PEER_EXPIRY_MILLIS = 15_000;

    private GatewayAssembly() {
    }

    static Future<GatewayServices> services(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry meters) {
        ClientRegistry registry = new ClientRegistry(config.maxClients());
        // One thread builds filter indexes, off the event loops; builds are serial by design.
        WorkerExecutor builder = vertx.createSharedWorkerExecutor("certstream-filter-index", 1, 10, TimeUnit.MINUTES);
        FilterCatalog filters = new FilterCatalog(config.subscriptions().filters(), config.instances(),
                // Unordered: ordering would queue behind the caller context's own blocking tasks (a caller that
                // waits for a build from a blocking task would wait forever); the catalog runs one build at a time.
                task -> {
                    try {
                        builder.executeBlocking(() -> {
                            task.run();
                            return null;
                        }, false);
                    } catch (java.util.concurrent.RejectedExecutionException stopping) {
                        // Vert.x closes its pools before the connections: a client leaving then needs no new index.
                    }
                });
        GatewayMetrics metrics = new GatewayMetrics(meters, registry, filters, config.maxLogs());
        ClientGate gate = new ClientGate(config.subscriptions().clients(),
                new TokenStore(config.subscriptions().clients()), System::nanoTime);
        ReplayConfig replay = config.subscriptions().replay();
        ReplayBuffer buffer;
        try {
            // Once at start: a directory, a lock file, and deleting abandoned buffers (a few unlinks). Not moved to
            // executeBlocking: called from a thread outside Vert.x, that would tie a context to the caller's thread.
            buffer = replay.enabled() ? new ReplayBuffer(replay, registry.id(), System::currentTimeMillis) : null;
        } catch (RuntimeException e) {
            return Future.failedFuture(new dev.certstream.node.ConfigException("CERTSTREAM_DATA_DIR",
                    "the replay buffer cannot be kept there: " + e.getMessage(), replay.dataDir().toString()));
        }
        WorkerExecutor readers = vertx.createSharedWorkerExecutor("certstream-replay", replay.readThreads());
        ClaimStore claims = vertx.isClustered() ? new ClusterClaims(vertx, config.subscriptions().unique())
                : new LocalClaims(config.subscriptions().unique());
        PeerDirectory directory = vertx.isClustered()
                ? new PeerDirectory(registry.id(), PEER_EXPIRY_MILLIS, System::currentTimeMillis) : null;
        PeerClient peers = directory == null ? null
                : new PeerClient(vertx, directory, replay.peerTimeout(), System::currentTimeMillis);
        PeerServer server = directory == null || buffer == null ? null : new PeerServer(buffer, metrics.resume());
        if (buffer != null) {
            Gauge.builder("certstream.replay.buffer.bytes", buffer, ReplayBuffer::bytesOnDisk)
                    .description("Compressed bytes of the replay buffer on disk").register(meters);
            Gauge.builder("certstream.replay.buffer.age.seconds", buffer,
                            b -> (System.currentTimeMillis() - b.oldestArrival()) / 1000.0)
                    .description("Age of the oldest certificate the replay buffer holds").register(meters);
        }
        StreamServices streams = new StreamServices(registry, metrics, buffer, peers, readers, metrics.resume(), claims);
        return Future.succeededFuture(new GatewayServices(registry, metrics, filters, new MatchMemo(), gate, streams,
                directory, server));
    }

    /** Closes the replay buffer (its files go) and the readers' threads. */
    static void close(GatewayServices services) {
        if (services.streams().buffer() != null) {
            services.streams().buffer().close();
        }
        services.streams().readers().close();
    }
}
