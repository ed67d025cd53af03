package dev.certstream.gateway;

import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A range of a log that never reached the gateway (its side of a split published nothing) is told to clients
 * that asked for gap notices, exactly, before the certificate after it; the others get the certificates only.
 */
class GatewayUnreceivedTest {

    private static final String LOG = "https://split.example/log/";
    private GatewayHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aRangeNeverReceivedIsToldExactlyBeforeWhatFollows() {
        harness = GatewayHarness.start(GatewayResumeTest.config(), true);
        FrameRecorder notified = harness.record("/full-stream?gaps=1");
        FrameRecorder plain = harness.record("/full-stream");
        for (long index : new long[]{100, 101, 102, 790, 791}) {
            harness.publish(TestEnvelopes.of(LOG, index, EntryType.X509));
        }
        waitUntil("all delivered", () -> ResumeClient.keys(notified.texts).size() == 5
                && ResumeClient.keys(plain.texts).size() == 5);

        List<JsonObject> gaps = ResumeClient.gaps(notified.texts);
        assertEquals(List.of(new JsonObject().put("log", LOG).put("from", 103L).put("to", 789L).put("reason", "unreceived")),
                gaps);
        // In order: the notice comes after 102 and before 790.
        List<String> order = notified.texts.stream().map(Buffer::toString).map(JsonObject::new)
                .map(m -> "gap".equals(m.getString("message_type")) ? "gap"
                        : String.valueOf(m.getJsonObject("data").getLong("cert_index"))).toList();
        assertEquals(List.of("100", "101", "102", "gap", "790", "791"), order);
        assertEquals(List.of(), ResumeClient.gaps(plain.texts), "a client that did not ask gets no notice");
    }

    /**
     * A certificate of a range already told as unreceived that still arrives (the old owner's last ones, after
     * the new owner's first) reaches no client: it would contradict the notice and come out of order.
     */
    @Test
    void aLateArrivalInAToldRangeIsLeftOut() {
        harness = GatewayHarness.start(GatewayResumeTest.config(), true);
        FrameRecorder notified = harness.record("/full-stream?gaps=1");
        FrameRecorder plain = harness.record("/full-stream");
        for (long index : new long[]{100, 101, 105, 103, 104, 106}) {
            harness.publish(TestEnvelopes.of(LOG, index, EntryType.X509));
        }
        // 106 comes after the late ones, so once it is there they had their chance.
        waitUntil("106 delivered", () -> ResumeClient.keys(notified.texts).size() == 4
                && ResumeClient.keys(plain.texts).size() == 4);
        for (FrameRecorder client : List.of(notified, plain)) {
            List<String> order = client.texts.stream().map(Buffer::toString).map(JsonObject::new)
                    .map(m -> "gap".equals(m.getString("message_type")) ? "gap"
                            : String.valueOf(m.getJsonObject("data").getLong("cert_index"))).toList();
            assertEquals(client == notified ? List.of("100", "101", "gap", "105", "106") : List.of("100", "101", "105", "106"),
                    order);
        }
    }
}
