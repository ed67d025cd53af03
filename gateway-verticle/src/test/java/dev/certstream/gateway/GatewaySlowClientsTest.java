package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slowloris with raw sockets: a silent connection, half a request, half a websocket upgrade and headers
 * trickled in slower than the deadline are closed; established websockets and SSE streams, which send
 * nothing, are not.
 */
class GatewaySlowClientsTest {

    private static final Duration DEADLINE = Duration.ofMillis(1500);
    private GatewayHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A raw connection and whether the server has closed it (seen by a reader thread). */
    private static final class Raw implements AutoCloseable {
        final Socket socket;
        final AtomicBoolean closed = new AtomicBoolean();
        final StringBuilder received = new StringBuilder();

        Raw(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            Thread reader = new Thread(() -> {
                try (InputStream in = socket.getInputStream()) {
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        synchronized (received) {
                            received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                        }
                    }
                } catch (IOException e) {
                    // a reset is a close too
                }
                closed.set(true);
            }, "raw-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }

        String received() {
            synchronized (received) {
                return received.toString();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void connectionsWithoutCompleteHeadersAreClosedAndStreamsAreNot() throws Exception {
        GatewayConfig config = GatewayHarness.config();
        harness = GatewayHarness.start(config.toBuilder().subscriptions(config.subscriptions().withClients(
                GatewayLimitsTest.limits(100, 1000, List.of(), null, false).withHeaderTimeout(DEADLINE))).build(), true);
        int port = harness.port();
        assertEquals(200, harness.get("/health").status()); // a cold JVM's first request can take most of a deadline
        FrameRecorder websocket = harness.record("/?keyword=host");
        try (Raw silent = new Raw(port); Raw halfRequest = new Raw(port); Raw halfUpgrade = new Raw(port);
             Raw trickle = new Raw(port); Raw sse = new Raw(port); Raw keepAlive = new Raw(port)) {
            halfRequest.send("GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            halfUpgrade.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n");
            sse.send("GET /events?stream=domains HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            keepAlive.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            for (int i = 0; i < 20 && !trickle.closed.get(); i++) {
                trickle.send("X-Slow-" + i + ": 1\r\n"); // each line well within the deadline, the whole far past it
                Thread.sleep(DEADLINE.toMillis() / 4);
            }
            waitUntil("the half request is closed", halfRequest.closed::get);
            waitUntil("the half upgrade is closed", halfUpgrade.closed::get);
            waitUntil("the trickle is closed", trickle.closed::get);
            waitUntil("the silent connection is closed", silent.closed::get);
            waitUntil("the idle keep-alive connection is closed after its response", keepAlive.closed::get);
            assertTrue(keepAlive.received().startsWith("HTTP/1.1 200"), keepAlive.received());
            assertTrue(halfRequest.received().isEmpty(), "closed without an answer: " + halfRequest.received());

            Thread.sleep(DEADLINE.toMillis() * 3); // several deadlines pass: a chance to misbehave, not a timed assertion
            CertificateEnvelope envelope = TestEnvelopes.withFacts(TestEnvelopes.LOG_A, 1, EntryType.X509, "Example", null,
                    "R11", "host1.example.org");
            harness.publish(envelope);
            waitUntil("the websocket client still receives", () -> websocket.texts.contains(envelope.lite()));
            waitUntil("the SSE client still receives", () -> sse.received().contains("host1.example.org"));
            assertFalse(websocket.closed.get());
            assertFalse(sse.closed.get());
            assertEquals(2, harness.gateway.clients());
        }
        String metrics = harness.get("/metrics").body().toString();
        assertTrue(metrics.contains("certstream_connections_header_timeouts_total 5.0"), metrics.lines()
                .filter(l -> l.contains("header")).toList().toString());
    }
}
