package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that disconnects and comes back with its cursor gets exactly what a client that never left got: no
 * gap, no duplicate, in order per log; filtered, on websockets and on SSE with Last-Event-ID.
 */
class GatewayResumeTest {

    static final String[] LOGS = {"https://one.example/log/", "https://two.example/ct/", "https://three.example/"};
    private GatewayHarness harness;
    private long next;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    static GatewayConfig config() {
        GatewayConfig config = GatewayHarness.config();
        return config.toBuilder().subscriptions(config.subscriptions().withReplay(config.subscriptions().replay()
                .withCursorInterval(Duration.ofMillis(50)).withBlockBytes(16 * 1024))).build();
    }

    /** {@code count} certificates round-robin over the logs; every seventh one names paypal. */
    private List<CertificateEnvelope> publish(int count) {
        List<CertificateEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < count; i++, next++) {
            String log = LOGS[(int) (next % LOGS.length)];
            String domain = next % 7 == 0 ? "login" + next + ".paypal.example" : "host" + next + ".example.org";
            CertificateEnvelope envelope = TestEnvelopes.withFacts(log, 1000 + next / LOGS.length,
                    next % 2 == 0 ? EntryType.PRECERT : EntryType.X509, "Op", "Org", "CA", domain);
            harness.publish(envelope);
            sent.add(envelope);
        }
        return sent;
    }

    private static List<String> keys(List<CertificateEnvelope> sent, Predicate<CertificateEnvelope> filter) {
        return sent.stream().filter(filter).map(e -> e.logUrl() + e.index()).toList();
    }

    private static void assertSameStreamPerLog(List<String> expected, List<String> first, List<String> second) {
        List<String> union = new ArrayList<>(first);
        union.addAll(second);
        assertEquals(union.size(), new HashSet<>(union).size(), "no certificate twice");
        assertEquals(ResumeClient.byLog(expected), ResumeClient.byLog(union), "the same certificates, in order per log");
    }

    @Test
    void aWebsocketClientResumesWithItsCursorFilteredOrNot() {
        harness = GatewayHarness.start(config(), true);
        for (String query : new String[] {"", "&keyword=paypal"}) {
            FrameRecorder reference = harness.record("/?" + query);
            FrameRecorder leaving = harness.record("/?cursor=1&gaps=1" + query);
            Predicate<CertificateEnvelope> filter = query.isEmpty() ? e -> true
                    : e -> e.facts().domains().get(0).contains("paypal");
            List<CertificateEnvelope> sent = new ArrayList<>(publish(300));
            List<String> firstPart = keys(sent, filter);
            waitUntil("both got the first part", () -> ResumeClient.keys(leaving.texts).size() == firstPart.size()
                    && ResumeClient.keys(reference.texts).size() == firstPart.size());
            leaving.socket.close();
            waitUntil("the leaving client is gone", () -> leaving.closed.get());
            sent.addAll(publish(300));
            String cursor = ResumeClient.lastCursor(leaving.texts);
            assertNotNull(cursor, "certificate messages carry the cursor after them");
            FrameRecorder back = harness.record("/?cursor=1&gaps=1&since=" + cursor + query);
            sent.addAll(publish(300)); // while it replays
            List<String> expected = keys(sent, filter);
            waitUntil("the reference got everything", () -> ResumeClient.keys(reference.texts).size() == expected.size());
            try {
                waitUntil("the resumed client caught up", () -> ResumeClient.keys(leaving.texts).size()
                        + ResumeClient.keys(back.texts).size() >= expected.size());
            } catch (AssertionError e) {
                List<String> got = new ArrayList<>(ResumeClient.keys(leaving.texts));
                got.addAll(ResumeClient.keys(back.texts));
                List<String> missing = new ArrayList<>(expected);
                missing.removeAll(got);
                throw new AssertionError("query " + query + ": missing " + missing + " of " + expected.size() + "; left with "
                        + ResumeClient.keys(leaving.texts) + " cursor " + cursor + "; back got " + ResumeClient.keys(back.texts)
                        + " and " + back.texts.size() + " messages, stats " + harness.get("/stats").json().getJsonObject("resume"), e);
            }
            assertEquals(ResumeClient.byLog(expected), ResumeClient.byLog(ResumeClient.keys(reference.texts)));
            assertSameStreamPerLog(expected, ResumeClient.keys(leaving.texts), ResumeClient.keys(back.texts));
            assertEquals(List.of(), ResumeClient.gaps(back.texts), "nothing was missing");
            sent.addAll(publish(70)); // and it stays live afterwards
            List<String> all = keys(sent, filter);
            waitUntil("live after the replay", () -> ResumeClient.keys(leaving.texts).size()
                    + ResumeClient.keys(back.texts).size() >= all.size());
            assertSameStreamPerLog(all, ResumeClient.keys(leaving.texts), ResumeClient.keys(back.texts));
            reference.socket.close();
            back.socket.close();
        }
        JsonObject stats = harness.get("/stats").json().getJsonObject("resume");
        assertEquals(2, stats.getLong("live"), stats.encode());
        assertTrue(stats.getJsonObject("buffer").getLong("entries") >= 1800, stats.encode());
    }

    @Test
    void anSseClientResumesWithLastEventId() {
        harness = GatewayHarness.start(config(), true);
        HttpClient streams = harness.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(harness.port()), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(10));
        String filter = "&domain=" + URLEncoder.encode("*.example.org", StandardCharsets.UTF_8);
        SseRecorder reference = SseRecorder.open(streams, "/events?stream=lite" + filter);
        SseRecorder leaving = SseRecorder.open(streams, "/events?stream=lite" + filter);
        waitUntil("two SSE clients", () -> harness.gateway.clients() == 2);
        Predicate<CertificateEnvelope> matches = e -> e.facts().domains().get(0).endsWith(".example.org");
        List<CertificateEnvelope> sent = new ArrayList<>(publish(200));
        waitUntil("the first part", () -> leaving.events().size() == keys(sent, matches).size());
        leaving.response.request().connection().close();
        sent.addAll(publish(200));
        SseRecorder back = SseRecorder.open(streams, "/events?stream=lite" + filter, leaving.lastEventId());
        sent.addAll(publish(200));
        List<String> expected = keys(sent, matches);
        waitUntil("the reference got everything", () -> sseKeys(reference).size() == expected.size());
        waitUntil("the resumed client caught up", () -> sseKeys(leaving).size() + sseKeys(back).size() >= expected.size());
        assertSameStreamPerLog(expected, sseKeys(leaving), sseKeys(back));
    }

    private static List<String> sseKeys(SseRecorder recorder) {
        return ResumeClient.keys(recorder.data().stream().map(Buffer::buffer).toList());
    }
}
