package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.resume.Cursor;
import dev.certstream.gateway.resume.LogIds;
import dev.certstream.gateway.resume.StreamPosition;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /events}: the same messages as events with ids, filters, headers, heartbeat comments, refusals. */
class GatewaySseTest {

    private GatewayHarness harness;
    private HttpClient streams;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private SseRecorder open(String uri) {
        if (streams == null) {
            // One connection per stream: an SSE response never ends, so it holds its connection.
            streams = harness.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(harness.port()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(100));
        }
        return SseRecorder.open(streams, uri);
    }

    @Test
    void eventsCarryTheStreamsMessagesWithIdsFilteredLikeTheWebsockets() {
        GatewayConfig config = GatewayHarness.config();
        harness = GatewayHarness.start(config.toBuilder().subscriptions(config.subscriptions()
                .withSse(new SseConfig(Duration.ofMillis(200), Duration.ofMillis(1500)))).build(), true);
        SseRecorder lite = open("/events");
        SseRecorder full = open("/events?stream=full&domain=*.example.org");
        SseRecorder domains = open("/events?stream=domains&keyword=paypal&type=precert");
        waitUntil("three SSE clients", () -> harness.gateway.clients() == 3);
        assertEquals(200, lite.status);
        assertEquals("text/event-stream; charset=utf-8", lite.headers.get("Content-Type"));
        assertEquals("*", lite.headers.get("Access-Control-Allow-Origin"));
        assertEquals("no-cache", lite.headers.get("Cache-Control"));
        waitUntil("the opening block", () -> !full.blocks.isEmpty());
        assertEquals("1500", full.blocks.get(0).retry());
        assertEquals(List.of("certstream filter domain=*.example.org"), full.blocks.get(0).comments());

        List<CertificateEnvelope> sent = GatewayFiltersTest.certificates();
        sent.forEach(harness::publish);
        waitUntil("the unfiltered stream got everything", () -> lite.events().size() == sent.size());
        StreamPosition expectedPosition = new StreamPosition();
        for (int i = 0; i < sent.size(); i++) {
            CertificateEnvelope e = sent.get(i);
            assertEquals(e.lite().toString(), lite.events().get(i).data());
            // The id is the cursor of the position just after the event: every log's next index so far.
            expectedPosition.advance(LogIds.of(e.logUrl()), e.index());
            assertEquals(expectedPosition.cursor(), Cursor.parse(lite.events().get(i).id()), "id of event " + i);
        }
        List<String> expectedFull = sent.stream().filter(e -> e.facts().domains().get(0).endsWith(".example.org"))
                .map(e -> e.rendering(StreamKind.FULL).toString()).toList();
        List<String> expectedDomains = sent.stream().filter(e -> e.facts().domains().get(0).contains("paypal")
                && e.entryType() == EntryType.PRECERT).map(e -> e.domains().toString()).toList();
        assertTrue(!expectedFull.isEmpty() && !expectedDomains.isEmpty());
        waitUntil("the filtered streams got their slices", () -> full.data().size() >= expectedFull.size()
                && domains.data().size() >= expectedDomains.size());
        assertEquals(expectedFull, full.data());
        assertEquals(expectedDomains, domains.data());
        waitUntil("heartbeat comments", () -> domains.blocks.stream().filter(b -> b.data() == null)
                .flatMap(b -> b.comments().stream()).filter(c -> c.startsWith("heartbeat ")).count() >= 2);
        JsonObject stats = harness.get("/stats").json();
        assertEquals(2, stats.getJsonObject("filters").getInteger("distinct"));
        assertEquals(3, stats.getInteger("current_users"));
    }

    @Test
    void badStreamOrFilterIs400AndClosingFreesTheSlot() {
        harness = GatewayHarness.start(GatewayHarness.config(), true);
        SseRecorder badStream = open("/events?stream=everything");
        assertEquals(400, badStream.status);
        SseRecorder badFilter = open("/events?stream=lite&domain=a..b");
        assertEquals(400, badFilter.status);
        SseRecorder unknown = open("/events?stream=lite&colour=1");
        assertEquals(400, unknown.status);
        assertEquals(400, open("/events?stream=lite&since=AQ!!").status, "a cursor that is not base64url");
        assertEquals(400, open("/events?stream=lite&unique=everything").status);
        assertEquals(400, open("/events?stream=lite&gaps=maybe").status);
        assertEquals(0, harness.gateway.clients());
        SseRecorder ok = open("/events?keyword=x");
        waitUntil("one SSE client", () -> harness.gateway.clients() == 1);
        ok.response.request().connection().close();
        waitUntil("the closed client is forgotten", () -> harness.gateway.clients() == 0);
        waitUntil("its filter is released", () -> harness.get("/stats").json().getJsonObject("filters").getInteger("distinct") == 0);
    }

    @Test
    void anSseClientThatStopsReadingDropsItsOldestLikeAWebsocketOne() throws Exception {
        GatewayConfig config = GatewayHarness.config().toBuilder().queue(16, 1024 * 1024).socketBufferBytes(4096).build();
        harness = GatewayHarness.start(config, true);
        SseRecorder reader = open("/events?stream=full");
        try (java.net.Socket stalled = new java.net.Socket("127.0.0.1", harness.port())) {
            stalled.setReceiveBufferSize(4096);
            stalled.getOutputStream().write(("GET /events?stream=full HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            waitUntil("two SSE clients", () -> harness.gateway.clients() == 2);
            int messages = 1500;
            for (int i = 0; i < messages; i++) {
                harness.publish(TestEnvelopes.sized(TestEnvelopes.LOG_A, i, EntryType.X509, 8000));
                if (i % 10 == 9) { // in small batches, so the reading client never falls 16 behind
                    int upTo = i + 1;
                    waitUntil("the reading client got " + upTo, () -> reader.events().size() == upTo);
                }
            }
            JsonObject drops = harness.get("/stats").json().getJsonObject("dropped_messages");
            assertTrue(drops.getLong("total") > 0, drops.encode());
            JsonObject worst = drops.getJsonArray("worst_sockets").getJsonObject(0);
            assertEquals("sse", worst.getString("transport"));
            assertEquals("full", worst.getString("stream"));
            assertTrue(worst.getInteger("queued") <= 16, "the queue stays within its bound: " + worst.encode());
        }
    }
}
