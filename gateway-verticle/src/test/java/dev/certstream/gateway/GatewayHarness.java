package dev.certstream.gateway;

import dev.certstream.broker.BrokerConfig;
import dev.certstream.broker.BrokerVerticle;
import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.node.NodeMetrics;
import dev.certstream.testing.TestFutures;
import dev.certstream.testing.Wait;
import dev.certstream.gateway.access.ClientLimits;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A real Vert.x with metrics, a broker and a gateway on an ephemeral port, plus real HTTP and websocket
 * clients; tests drive it from the JUnit thread and wait on conditions with generous deadlines.
 */
final class GatewayHarness implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(Long.getLong("harness.deadline", 90));

    final Vertx vertx;
    final PrometheusMeterRegistry meters;
    final GatewayDeployment gateway;
    final HttpClient http;
    final WebSocketClient websockets;
    private String brokerId;

    private GatewayHarness(Vertx vertx, PrometheusMeterRegistry meters, GatewayDeployment gateway, String brokerId) {
        this.vertx = vertx;
        this.meters = meters;
        this.gateway = gateway;
        this.brokerId = brokerId;
        this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gateway.port()));
        this.websockets = vertx.createWebSocketClient(new WebSocketClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(gateway.port()).setMaxConnections(10_000));
    }

    /**
     * The settings tests start from: ephemeral port, two instances (so the sharing is exercised), no heartbeat,
     * and per-address caps out of the way of tests that open thousands of clients from 127.0.0.1 (the limits
     * have their own tests).
     */
    static GatewayConfig config() {
        GatewayConfig defaults = GatewayConfig.defaults();
        ClientLimits d = defaults.subscriptions().clients();
        ClientLimits lenient = new ClientLimits(1_000_000, 1_000_000, d.trustedProxies(), d.tokensFile(), d.tokensRequired(),
                d.tokenMaxStreams(), d.tokenStreamsPerMinute(), d.tokensReload(), d.headerTimeout(), d.maxTrackedAddresses());
        return defaults.toBuilder().host("127.0.0.1").port(0).instances(2).heartbeatInterval(Duration.ZERO)
                .subscriptions(defaults.subscriptions().withClients(lenient)
                        .withReplay(defaults.subscriptions().replay().withDataDir(java.nio.file.Path.of("target", "test-data"))))
                .build();
    }

    static GatewayHarness start(GatewayConfig config, boolean withBroker) {
        return start(config, withBroker, new VertxOptions());
    }

    /** The same on a Vert.x built with these options (e.g. one event loop, so a test can hold it). */
    static GatewayHarness start(GatewayConfig config, boolean withBroker, VertxOptions options) {
        PrometheusMeterRegistry meters = NodeMetrics.newRegistry();
        Vertx vertx = NodeMetrics.instrument(Vertx.builder(), options, meters).build();
        String brokerId = withBroker
                ? await(vertx.deployVerticle(new BrokerVerticle(new BrokerConfig(5, 64, 1000))))
                : null;
        GatewayDeployment gateway = await(GatewayVerticle.deploy(vertx, config, meters));
        return new GatewayHarness(vertx, meters, gateway, brokerId);
    }

    int port() {
        return gateway.port();
    }

    void stopBroker() {
        await(vertx.undeploy(brokerId));
        brokerId = null;
    }

    void publish(CertificateEnvelope envelope) {
        vertx.eventBus().publish(BusAddresses.CERTIFICATES, envelope);
    }

    /** A plain HTTP request's outcome. */
    record Reply(int status, MultiMap headers, Buffer body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    Reply get(String path) {
        return request(HttpMethod.GET, path);
    }

    Reply request(HttpMethod method, String path) {
        // body() inside send()'s own continuation: asked later, a short body may have ended already.
        return await(http.request(method, path).compose(req -> req.send().compose(resp -> resp.body()
                .map(body -> new Reply(resp.statusCode(), resp.headers(), body)))));
    }

    WebSocket connect(String path) {
        return await(websockets.connect(gateway.port(), "127.0.0.1", path));
    }

    /**
     * A recorded client whose handlers are set before it connects: a resuming client gets its replay at once,
     * in the same reads as the upgrade, and {@code WebSocketClient.connect} resumes the socket before its
     * future's continuations run, so handlers set there lose those first frames (a replayed block went
     * missing that way).
     */
    FrameRecorder record(String path) {
        ClientWebSocket socket = websockets.webSocket();
        FrameRecorder recorder = new FrameRecorder(socket);
        await(socket.connect(gateway.port(), "127.0.0.1", path));
        return recorder;
    }

    static <T> T await(Future<T> future) {
        return TestFutures.await(future);
    }

    /** Waits (polling, no timed assertion) until the condition holds, failing after the deadline. */
    static void waitUntil(String what, BooleanSupplier condition) {
        Wait.until(what, DEADLINE, condition::getAsBoolean);
    }

    /** Heap in use after asking for full collections until it settles. */
    static long usedHeapAfterGc() {
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 10; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(previous - used) < 256 * 1024) {
                break;
            }
            previous = used;
        }
        return used;
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
