package dev.certstream.server;

import dev.certstream.contract.BusAddresses;
import dev.certstream.node.EnvReader;
import dev.certstream.node.NodeMetrics;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.log.SimulatedLog;
import dev.certstream.testing.SimulatorExtension;
import dev.certstream.testing.Wait;
import dev.certstream.watcher.cluster.FileProgressStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded server catching up a large backlog while its gateway's event loop is slow (every
 * certificate costs it 2 ms, so the watcher could publish many times faster than it sends): the watcher
 * holds its publishing at the gateway's backlog bound instead of letting the gateway shed, and every
 * certificate reaches the broker's count and the client, none shed, none dropped.
 */
class EmbeddedBackPressureTest {

    private static final int BACKLOG = 600;
    /** The gateway sheds past 40 waiting tasks; the watcher should hold at 20. */
    private static final int FANOUT_BACKLOG = 40;

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder()
            .rfc6962Logs(2).tiledLogs(0).initialSize(BACKLOG).growthPerSecond(0.2).poolSize(16).seed(5)
            .checkpointPeriod(Duration.ofMillis(200)));

    @TempDir
    Path dataDir;

    private Vertx vertx;

    @AfterEach
    void close() {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    @Test
    void aCatchUpBurstWithASlowGatewayLosesNothing() throws Exception {
        // Four event loops: broker, gateway and watcher each on its own, so the slow one is the gateway's.
        PrometheusMeterRegistry meters = NodeMetrics.newRegistry();
        vertx = NodeMetrics.instrument(Vertx.builder(), new VertxOptions().setEventLoopPoolSize(4), meters).build();
        FileProgressStore progress = new FileProgressStore(vertx, dataDir.resolve("progress.json"));
        await(progress.open(100));
        for (SimulatedLog log : simulator.logs()) {
            progress.save(log.url(), 0); // the server was down while the logs grew: BACKLOG entries each to catch up
        }
        await(progress.close());
        // Delivering a certificate takes its consumers 2 ms (interceptors run on the receiving event loop).
        vertx.eventBus().addInboundInterceptor(delivery -> {
            if (BusAddresses.CERTIFICATES.equals(delivery.message().address())) {
                sleepMillis(2);
            }
            delivery.next();
        });
        ServerSettings settings = ServerSettings.fromEnv(new EnvReader(Map.of(
                "CERTSTREAM_LOG_LIST_URL", simulator.logListUrl(), "CERTSTREAM_DATA_DIR", dataDir.toString(),
                "PORT", "0", "CERTSTREAM_HOST", "127.0.0.1", "CERTSTREAM_GATEWAY_INSTANCES", "1",
                "CERTSTREAM_FANOUT_BACKLOG", Integer.toString(FANOUT_BACKLOG), "CERTSTREAM_HEARTBEAT_INTERVAL", "0",
                "CERTSTREAM_POLL_INTERVAL", "200ms", "CERTSTREAM_OPERATOR_RATE", "0")), false);
        EmbeddedServer server = await(EmbeddedServer.start(vertx, meters, settings));

        Map<String, List<Long>> received = new ConcurrentHashMap<>();
        // Kept referenced: Vert.x closes the connections of a client that was garbage-collected.
        WebSocketClient websockets = vertx.createWebSocketClient();
        HttpClient http = vertx.createHttpClient();
        // The handler is set before connecting, so no certificate can arrive before it.
        ClientWebSocket client = websockets.webSocket();
        client.textMessageHandler(text -> {
            JsonObject data = new JsonObject(text).getJsonObject("data");
            received.computeIfAbsent(data.getJsonObject("source").getString("url"), k -> new CopyOnWriteArrayList<>())
                    .add(data.getLong("cert_index"));
        });
        await(client.connect(server.port(), "127.0.0.1", "/"));
        AtomicReference<JsonObject> stats = new AtomicReference<>();
        Wait.until("the broker counted the whole backlog of every log", () -> {
            stats.set(await(http.request(HttpMethod.GET, server.port(), "127.0.0.1", "/stats")
                    .compose(HttpClientRequest::send).compose(HttpClientResponse::body)).toJsonObject());
            return stats.get().getLong("processed_certificates", 0L) >= 2L * BACKLOG;
        });
        JsonObject dropped = stats.get().getJsonObject("dropped_messages");
        assertEquals(0, dropped.getLong("shed_certificates"), "nothing shed: " + dropped);
        assertEquals(0, dropped.getLong("total"), "nothing dropped: " + dropped);
        JsonObject gate = stats.get().getJsonObject("memory").getJsonObject("watcher").getJsonObject("publish_gate");
        assertTrue(gate.getLong("holds") > 0, "the burst reached the bound, and the watcher waited: " + gate);
        Wait.until("the client got the rest", () -> simulator.logs().stream()
                .allMatch(log -> received.getOrDefault(log.url(), List.of()).contains(BACKLOG - 1L)));
        for (SimulatedLog log : simulator.logs()) {
            List<Long> indices = received.get(log.url());
            long first = indices.get(0);
            for (int i = 0; i < indices.size(); i++) {
                assertEquals(first + i, (long) indices.get(i), log.url() + ": contiguous from " + first);
            }
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
