package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.stream.TextFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static dev.certstream.gateway.TestEnvelopes.LOG_A;
import static dev.certstream.gateway.TestEnvelopes.LOG_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The websocket side with real Vert.x clients: routing, bytes, heartbeats, client frames, limits. */
class GatewayStreamsTest {

    private GatewayHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static GatewayConfig with(Duration heartbeat, Duration ping, Duration pongTimeout, int maxClients) {
        GatewayConfig c = GatewayHarness.config();
        return c.toBuilder().port(0).heartbeatInterval(heartbeat).ping(ping, pongTimeout).maxClients(maxClients).build();
    }

    private FrameRecorder client(String path) {
        return harness.record(path);
    }

    private void waitForClients(int n) {
        waitUntil(n + " clients registered", () -> harness.gateway.clients() == n);
    }

    @Test
    void eachStreamGetsItsOwnRenderingByteForByteAsTextFrames() {
        harness = GatewayHarness.start(GatewayHarness.config(), true);
        Map<String, StreamKind> routes = Map.of("/", StreamKind.LITE, "/full-stream", StreamKind.FULL,
                "/full-stream/", StreamKind.FULL, "/domains-only", StreamKind.DOMAINS, "/domains-only/", StreamKind.DOMAINS);
        List<FrameRecorder> clients = new ArrayList<>();
        List<StreamKind> kinds = new ArrayList<>();
        routes.forEach((path, kind) -> {
            for (int i = 0; i < 3; i++) { // several per route, so both gateway instances hold some
                clients.add(client(path));
                kinds.add(kind);
            }
        });
        waitForClients(clients.size());

        List<CertificateEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CertificateEnvelope envelope = TestEnvelopes.of(i % 2 == 0 ? LOG_A : LOG_B, i, i % 3 == 0 ? EntryType.PRECERT : EntryType.X509);
            sent.add(envelope);
            harness.publish(envelope);
        }
        for (int c = 0; c < clients.size(); c++) {
            FrameRecorder client = clients.get(c);
            StreamKind kind = kinds.get(c);
            waitUntil("client " + c + " got 20 messages", () -> client.texts.size() >= 20);
            assertEquals(0, client.binaryFrames.get(), "never a binary frame");
            assertTrue(TextFrames.zeroCopy(), "frames went out through the zero-copy path, not the fallback");
            for (int i = 0; i < 20; i++) {
                assertEquals(sent.get(i).rendering(kind), client.texts.get(i), "message " + i + " on " + kind);
            }
        }
        JsonObject users = harness.get("/stats").json();
        JsonObject fanout = users.getJsonObject("fanout");
        assertTrue(fanout.getLong("messages_in_runs") > 0, "fan-out windows went to sockets in runs: " + fanout);
        assertTrue(fanout.getLong("runs") < fanout.getLong("messages_in_runs"), "a run carries several certificates: " + fanout);
        assertEquals(clients.size(), users.getInteger("current_users"));
        assertEquals(new JsonObject().put("lite", 3).put("full", 6).put("domains", 6), users.getJsonObject("current_users_by_stream"));
    }

    @Test
    void aWindowGoesInConsecutiveRunsWithItsSharedFramesBoundedAndTheRestStillArrives() {
        // One long window (linger 500 ms) of 200 messages of ~8 KB (1.6 MB): a client that keeps up takes run
        // after run of a socket buffer (64 KB) each, and frames are built for at most WINDOW_RUNS socket
        // buffers (1 MB); the rest goes message by message. Frames built for the whole window would be 200
        // (a catch-up window's worth of direct memory, the PSS it cost on the firehose).
        int socketBuffer = 64 * 1024;
        int messages = 200;
        int windowRuns = 16; // FanOutBatch.WINDOW_RUNS (package-private there)
        GatewayConfig config = GatewayHarness.config().toBuilder().port(0).instances(1).socketBufferBytes(socketBuffer)
                .fanout(Duration.ofMillis(500), 10_000).build();
        harness = GatewayHarness.start(config, true);
        FrameRecorder client = client("/");
        waitForClients(1);
        List<CertificateEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            CertificateEnvelope envelope = TestEnvelopes.sized(LOG_A, i, EntryType.X509, 8000);
            sent.add(envelope);
            harness.publish(envelope);
        }
        waitUntil("the client got every message", () -> client.texts.size() >= messages);
        for (int i = 0; i < messages; i++) {
            assertEquals(sent.get(i).lite(), client.texts.get(i), "message " + i + " in order");
        }
        JsonObject fanout = harness.get("/stats").json().getJsonObject("fanout");
        long frames = fanout.getLong("frames");
        int frameSize = sent.stream().mapToInt(e -> e.lite().length()).max().orElseThrow() + 4;
        int perRun = socketBuffer / (sent.get(0).lite().length() + 4) + 1;
        assertTrue(fanout.getLong("messages_in_runs") > perRun,
                "a client that keeps up took more than one run of the window: " + fanout);
        assertTrue(frames <= (long) windowRuns * perRun,
                "frames for at most " + windowRuns + " socket buffers per window: " + fanout);
        assertTrue(frames < messages, "not for every message of a long window: " + fanout);
        assertTrue(fanout.getLong("frame_bytes") <= frames * (frameSize + 16), "frame bytes counted: " + fanout);
    }

    @Test
    void duplicatesAreDeliveredOnce() {
        harness = GatewayHarness.start(GatewayHarness.config(), true);
        FrameRecorder client = client("/domains-only");
        waitForClients(1);
        harness.publish(TestEnvelopes.of(LOG_A, 10, EntryType.X509));
        harness.publish(TestEnvelopes.of(LOG_A, 10, EntryType.X509)); // same (log, index): a takeover replay
        harness.publish(TestEnvelopes.of(LOG_A, 9, EntryType.X509));  // late but never seen: delivered
        harness.publish(TestEnvelopes.of(LOG_A, 9, EntryType.X509));  // and only once
        harness.publish(TestEnvelopes.of(LOG_B, 10, EntryType.X509)); // same index, other log: new
        harness.publish(TestEnvelopes.of(LOG_A, 11, EntryType.X509));
        CertificateEnvelope marker = TestEnvelopes.of(LOG_A, 12, EntryType.X509);
        harness.publish(marker);
        waitUntil("the marker arrives", () -> client.texts.contains(marker.domains()));
        assertEquals(List.of(TestEnvelopes.of(LOG_A, 10, EntryType.X509).domains(), TestEnvelopes.of(LOG_A, 9, EntryType.X509).domains(),
                TestEnvelopes.of(LOG_B, 10, EntryType.X509).domains(), TestEnvelopes.of(LOG_A, 11, EntryType.X509).domains(),
                marker.domains()), client.texts);
    }

    @Test
    void heartbeatsReachEveryStreamWhenQuiet() {
        harness = GatewayHarness.start(with(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(90), 100), true);
        List<FrameRecorder> clients = List.of(client("/"), client("/full-stream"), client("/domains-only"));
        for (FrameRecorder c : clients) {
            waitUntil("two heartbeats", () -> c.heartbeats().size() >= 2);
            JsonObject beat = c.heartbeats().get(0);
            assertEquals(2, beat.size(), "only message_type and timestamp: " + beat);
            Object timestamp = beat.getValue("timestamp");
            assertInstanceOf(Number.class, timestamp);
            double seconds = ((Number) timestamp).doubleValue();
            assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000.0) < 600, "epoch seconds: " + seconds);
            assertTrue(c.texts.get(0).toString().matches("\\{\"message_type\":\"heartbeat\",\"timestamp\":\\d{10}\\.\\d{3}}"),
                    c.texts.get(0).toString());
            assertTrue(c.certificates().isEmpty());
        }
    }

    @Test
    void clientTextFramesAndSmallBinaryFramesAreIgnored() {
        harness = GatewayHarness.start(GatewayHarness.config(), true);
        FrameRecorder client = client("/");
        waitForClients(1);
        GatewayHarness.await(client.socket.writeTextMessage("ping"));
        GatewayHarness.await(client.socket.writeTextMessage("{\"subscribe\":\"everything\"}"));
        GatewayHarness.await(client.socket.writeBinaryMessage(Buffer.buffer(new byte[] {0, 1, 2, 3})));
        CertificateEnvelope envelope = TestEnvelopes.of(LOG_A, 1, EntryType.X509);
        harness.publish(envelope);
        waitUntil("the certificate arrives after the client's frames", () -> client.texts.contains(envelope.lite()));
        assertFalse(client.closed.get());
        assertEquals(1, harness.gateway.clients());
    }

    @Test
    void anOversizedFrameClosesOnlyThatClientWith1009() {
        harness = GatewayHarness.start(GatewayHarness.config(), true);
        FrameRecorder loud = client("/");
        FrameRecorder loudBinary = client("/full-stream");
        FrameRecorder quiet = client("/");
        waitForClients(3);
        int tooBig = GatewayHarness.config().maxClientFrameBytes() + 1;
        loud.socket.writeFrame(WebSocketFrame.textFrame("x".repeat(tooBig), true));
        loudBinary.socket.writeFrame(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[tooBig * 4]), true));
        waitUntil("the oversized senders are closed", () -> loud.closed.get() && loudBinary.closed.get());
        assertEquals((short) 1009, loud.closeCode, "message too big");
        assertEquals((short) 1009, loudBinary.closeCode, "message too big");
        waitForClients(1);
        CertificateEnvelope envelope = TestEnvelopes.of(LOG_A, 1, EntryType.X509);
        harness.publish(envelope);
        waitUntil("the other client still receives", () -> quiet.texts.contains(envelope.lite()));
        assertFalse(quiet.closed.get());
        assertEquals(200, harness.get("/health").status());
    }

    @Test
    void clientsPastTheBoundAreRefusedWith503() {
        harness = GatewayHarness.start(with(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(90), 3), true);
        List<FrameRecorder> admitted = List.of(client("/"), client("/full-stream"), client("/domains-only"));
        waitForClients(3);
        AssertionError refused = assertThrows(AssertionError.class, () -> harness.connect("/"));
        UpgradeRejectedException rejection = assertInstanceOf(UpgradeRejectedException.class, rootCause(refused));
        assertEquals(503, rejection.getStatus());
        assertTrue(rejection.getBody().toString().contains("server full"), rejection.getBody().toString());
        assertTrue(harness.get("/metrics").body().toString().contains("certstream_clients_refused_total 1.0"));

        GatewayHarness.await(admitted.get(0).socket.close());
        waitForClients(2);
        assertNotNull(harness.connect("/"), "a slot freed by a close is usable again");
        waitForClients(3);
    }

    @Test
    void pingsKeepLiveClientsAndCloseSilentOnes() throws Exception {
        harness = GatewayHarness.start(with(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(600), 100), true);
        FrameRecorder live = client("/");      // Vert.x answers pings by itself, and sends nothing else
        try (RawWebSocket silent = RawWebSocket.open(harness.port(), "/domains-only")) {
            waitForClients(2);
            waitUntil("the silent client is closed", silent::closed);
            waitForClients(1);
            assertTrue(silent.sawPing(), "it was pinged before being closed");
        }
        // Pinged every 100 ms with a 600 ms pong timeout: twelve more pings span two timeouts, each a chance to
        // close the live client wrongly.
        int pingsBefore = live.pings.get();
        waitUntil("the live client answered twelve more pings", () -> live.pings.get() >= pingsBefore + 12 || live.closed.get());
        assertFalse(live.closed.get(), "a client that answers pings is never closed for silence");
        assertEquals(1, harness.gateway.clients());
        assertTrue(harness.get("/metrics").body().toString().contains("certstream_clients_pong_timeouts_total 1.0"));
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t && !(t instanceof UpgradeRejectedException)) {
            t = t.getCause();
        }
        return t instanceof CompletionException ? t.getCause() : t;
    }
}
