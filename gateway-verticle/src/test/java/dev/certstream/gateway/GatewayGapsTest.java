package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.EntryFacts;
import dev.certstream.gateway.resume.LogIds;
import dev.certstream.gateway.resume.ReplayBuffer;
import dev.certstream.gateway.resume.StreamPosition;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gap notices are honest: a cursor older than the buffer gets exactly the ranges the buffer no longer holds, and
 * a paused client whose queue dropped messages is told ranges that hold exactly the messages it did not get.
 */
class GatewayGapsTest {

    private static final String LOG = "https://gaps.example/log/";
    private GatewayHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A certificate whose full rendering carries {@code noise} bytes that do not compress. */
    private static CertificateEnvelope noisy(long index, int noise) {
        byte[] bytes = new byte[noise];
        new Random(index).nextBytes(bytes);
        CertificateEnvelope plain = TestEnvelopes.of(LOG, index, EntryType.X509);
        String full = plain.full().toString().replace("\"as_der\":\"", "\"as_der\":\"" + java.util.Base64.getEncoder().encodeToString(bytes));
        return new CertificateEnvelope(LOG, index, EntryType.X509, plain.seenMicros(), EntryFacts.NONE,
                Buffer.buffer(full), plain.lite(), plain.domains());
    }

    private static String cursorAt(long nextIndex) {
        StreamPosition position = new StreamPosition();
        position.raise(LogIds.of(LOG), nextIndex);
        return position.encoded();
    }

    @Test
    void aCursorOlderThanTheBufferGetsExactlyTheMissingRange() {
        GatewayConfig base = GatewayResumeTest.config();
        harness = GatewayHarness.start(base.toBuilder().subscriptions(base.subscriptions().withReplay(base.subscriptions()
                .replay().withBounds(1 << 20, Duration.ofHours(1)).withBlockBytes(8 * 1024))).build(), true);
        FrameRecorder live = harness.record("/full-stream");
        int count = 400;
        for (int i = 0; i < count; i++) {
            harness.publish(noisy(5000 + i, 8 * 1024));
        }
        waitUntil("all published", () -> live.texts.size() == count);
        ReplayBuffer buffer = harness.gateway.buffer();
        waitUntil("the oldest blocks were evicted and the rest written", () -> buffer.coverageStart(LogIds.of(LOG)) > 5000
                && buffer.toJson().getInteger("unwritten_blocks") == 0);
        long held = buffer.coverageStart(LogIds.of(LOG));

        // Index 4000: the gateway never had 4000..4999 (it started at 5000), nor what it evicted since.
        FrameRecorder resumed = harness.record("/full-stream?gaps=1&since=" + cursorAt(4000));
        waitUntil("the replay reached the live end", () -> ResumeClient.keys(resumed.texts).size() == 5000 + count - held);
        List<JsonObject> gaps = ResumeClient.gaps(resumed.texts);
        assertEquals(1, gaps.size(), gaps.toString());
        assertEquals(new JsonObject().put("log", LOG).put("from", 4000L).put("to", held - 1).put("reason", "expired"),
                gaps.get(0));
        List<String> expected = new ArrayList<>();
        for (long i = held; i < 5000 + count; i++) {
            expected.add(LOG + i);
        }
        assertEquals(expected, ResumeClient.keys(resumed.texts));
        assertEquals("gap", new JsonObject(resumed.texts.get(0)).getString("message_type"), "told before the entries");
        // Without gaps=1 the same resume is not told, only counted.
        FrameRecorder quiet = harness.record("/full-stream?since=" + cursorAt(4000));
        waitUntil("the quiet replay", () -> ResumeClient.keys(quiet.texts).size() == 5000 + count - held);
        assertEquals(List.of(), ResumeClient.gaps(quiet.texts));
        JsonObject expired = harness.get("/stats").json().getJsonObject("resume").getJsonObject("gaps").getJsonObject("expired");
        assertEquals(2, expired.getLong("ranges"));
        assertEquals(1, expired.getLong("told"));
        assertEquals(2 * (held - 4000), expired.getLong("indices"));
        assertTrue(harness.get("/metrics").body().toString().contains("certstream_gaps_total{reason=\"expired\"} 2.0"));
    }

    @Test
    void aPausedClientIsToldExactlyWhatItsQueueDropped() {
        GatewayConfig config = GatewayResumeTest.config().toBuilder().queue(16, 1 << 20).socketBufferBytes(4096).build();
        harness = GatewayHarness.start(config, true);
        FrameRecorder reader = harness.record("/full-stream");
        FrameRecorder paused = harness.record("/full-stream?gaps=1");
        paused.socket.pause();
        int count = 1500;
        for (int i = 0; i < count; i++) {
            harness.publish(noisy(i, 6000));
            if (i % 10 == 9) { // in small batches, so the reading client never falls 16 behind
                int upTo = i + 1;
                waitUntil("the reader got " + upTo, () -> reader.texts.size() == upTo);
            }
        }
        paused.socket.resume();
        waitUntil("the paused client read what was kept", () -> {
            List<String> got = ResumeClient.keys(paused.texts);
            return !got.isEmpty() && got.get(got.size() - 1).equals(LOG + (count - 1));
        });
        List<String> received = ResumeClient.keys(paused.texts);
        assertTrue(received.size() < count, "it dropped some: " + received.size());
        boolean[] told = new boolean[count];
        long toldMessages = 0;
        long lastIndexBefore = -1;
        for (Buffer text : paused.texts) {
            JsonObject message = new JsonObject(text);
            if ("gap".equals(message.getString("message_type"))) {
                JsonObject gap = message.getJsonObject("data");
                assertEquals("dropped", gap.getString("reason"));
                assertTrue(gap.getLong("from") > lastIndexBefore, "a gap comes after what was delivered before it");
                for (long i = gap.getLong("from"); i <= gap.getLong("to"); i++) {
                    told[(int) i] = true;
                }
                toldMessages += gap.getLong("messages");
                lastIndexBefore = gap.getLong("to");
            } else if (ResumeClient.key(message) != null) {
                lastIndexBefore = message.getJsonObject("data").getLong("cert_index");
            }
        }
        for (int i = 0; i < count; i++) {
            assertEquals(!received.contains(LOG + i), told[i], "index " + i + " is either received or told, never both");
        }
        assertEquals(count - received.size(), toldMessages, "the messages counted in the notices are the ones missing");
        long dropped = harness.get("/stats").json().getJsonObject("dropped_messages").getLong("total");
        assertEquals(toldMessages, dropped);
    }
}
