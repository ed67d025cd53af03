package dev.certstream.bench;

import dev.certstream.node.NodeMetrics;
import dev.certstream.testing.Wait;
import dev.certstream.broker.BrokerConfig;
import dev.certstream.broker.BrokerVerticle;
import dev.certstream.gateway.GatewayConfig;
import dev.certstream.gateway.GatewayDeployment;
import dev.certstream.gateway.GatewayVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load tool in-process against a real broker and gateway fed by a paced publisher: what the report
 * counts must be exactly what was published, for every client.
 */
class FanoutLoadTest {


    private Vertx server;

    @BeforeEach
    void startServer() {
        server = Vertx.vertx();
    }

    @AfterEach
    void stopServer() {
        await(server.close());
    }

    private GatewayDeployment deployGateway(Duration heartbeat) {
        GatewayConfig d = GatewayConfig.defaults().withPort(0);
        GatewayConfig config = d.toBuilder().host("127.0.0.1").instances(2).heartbeatInterval(heartbeat).build();
        await(server.deployVerticle(new BrokerVerticle(BrokerConfig.defaults())));
        return await(GatewayVerticle.deploy(server, config, NodeMetrics.newRegistry()));
    }

    private static LoadOptions options(int port, int clients, int paused) {
        return new LoadOptions(URI.create("ws://127.0.0.1:" + port + "/"), clients, Duration.ofSeconds(2),
                Duration.ZERO, paused, 200, 2, Duration.ofMillis(500), true);
    }

    @Test
    void everyActiveClientCountsEveryPublishedCertificateAndPausedOnesGetThemAfterResuming() {
        GatewayDeployment gateway = deployGateway(Duration.ZERO);
        int clients = 20;
        int paused = 3;
        int certificates = 120;
        LoadRun run = await(LoadRun.start(options(gateway.port(), clients, paused)));
        try {
            Wait.until("the gateway sees every client", () -> gateway.clients() == clients);
            await(run.beginWindow());
            PacedPublisher publisher = new PacedPublisher(SampleCertificates.load(), 60, 3, certificates);
            await(server.deployVerticle(publisher));
            long expectedActive = (long) certificates * (clients - paused);
            Wait.until("active clients got every certificate", () -> await(run.snapshot()).certificates() >= expectedActive);
            await(run.resumePaused(1));
            Wait.until("paused clients caught up", () -> await(run.snapshot()).pausedMessagesTotal() >= (long) certificates * paused);
            LoadReport report = await(run.endWindow());

            assertEquals(certificates, publisher.published());
            assertEquals(clients, report.connected());
            assertEquals(0, report.failed());
            assertEquals(0, report.closed());
            assertEquals(expectedActive, report.certificates());
            assertEquals(expectedActive, report.messages());
            assertEquals(0, report.heartbeats() + report.others());
            assertEquals(certificates, report.activeMessagesAt(0));
            assertEquals(certificates, report.activeMessagesAt(1));
            assertEquals(clients - paused, report.activeMessagesSorted().length);
            assertEquals(expectedActive, report.lagMicros().getTotalCount());
            assertEquals(0, report.withoutSeen());
            assertEquals(0, report.missing());
            assertEquals(0, report.repeated());
            assertEquals(certificates, report.pausedMessagesAt(0));
            assertEquals(certificates, report.pausedMessagesAt(1));
            assertEquals(publisher.liteBytes() * (clients - paused), report.bytes());
        } finally {
            await(run.close());
        }
    }

    @Test
    void theCommandLineRunReportsHeartbeatsAndPrintsJson() {
        GatewayDeployment gateway = deployGateway(Duration.ofMillis(200));
        await(server.deployVerticle(new PacedPublisher(SampleCertificates.load(), 20, 2, Long.MAX_VALUE)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status = FanoutLoad.run(options(gateway.port(), 6, 1), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
        JsonObject json = new JsonObject(lines[lines.length - 1]);

        assertEquals(0, status);
        assertTrue(lines[0].startsWith("fan-out load on ws://127.0.0.1:" + gateway.port() + "/"), lines[0]);
        assertEquals(6, json.getInteger("connected"));
        assertEquals(0, json.getInteger("failed"));
        assertTrue(json.getLong("heartbeats") > 0, "a 200 ms heartbeat reaches clients in a 2 s window");
        assertEquals(json.getLong("messages"), json.getLong("certificates") + json.getLong("heartbeats"));
        assertEquals(0, json.getLong("other_messages"));
        assertEquals(json.getLong("certificates"), json.getJsonObject("lag_ms").getLong("count"));
        assertEquals(0, json.getJsonObject("index_gaps").getLong("missing"));
        assertEquals(0, json.getJsonObject("paused_clients").getLong("window_total"));
        assertTrue(json.getJsonObject("paused_clients").getLong("after_resume") > 0,
                "the paused client reads what the server kept for it");
    }
}
