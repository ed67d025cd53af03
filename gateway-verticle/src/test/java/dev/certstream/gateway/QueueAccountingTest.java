package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static dev.certstream.gateway.TestEnvelopes.LOG_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A paused lite client's queue counts what its messages keep alive: each lite message is a slice of its
 * certificate's one array (full, lite and dns_entries, as the watcher renders them), so the byte bound holds
 * about a third as many lite messages as their own length would allow, and /stats shows the arrays' bytes.
 */
class QueueAccountingTest {

    private static final int QUEUE_BYTES = 1024 * 1024;
    private static final int PADDING = 30_000;

    /** The test envelope with its three messages turned into slices of one array, as the watcher makes them. */
    private static CertificateEnvelope sliced(long index) {
        CertificateEnvelope e = TestEnvelopes.sized(LOG_A, index, EntryType.X509, PADDING);
        Buffer all = Buffer.buffer().appendBuffer(e.full()).appendBuffer(e.lite()).appendBuffer(e.domains());
        int liteFrom = e.full().length();
        int domainsFrom = liteFrom + e.lite().length();
        return new CertificateEnvelope(e.logUrl(), e.index(), e.entryType(), e.seenMicros(), e.facts(),
                all.slice(0, liteFrom), all.slice(liteFrom, domainsFrom), all.slice(domainsFrom, all.length()));
    }

    @Test
    void aPausedLiteClientsQueueCountsTheWholeArrays() {
        GatewayConfig config = GatewayHarness.config().toBuilder().instances(1).queue(1000, QUEUE_BYTES)
                .socketBufferBytes(1024).build();
        try (GatewayHarness harness = GatewayHarness.start(config, false)) {
            WebSocket client = harness.connect("/");
            client.pause();
            waitUntil("the client is registered", () -> harness.gateway.clients() == 1);
            long index = 0;
            int retained = sliced(0).retainedBytes();
            int lite = sliced(0).lite().length();
            assertTrue(retained > 2.5 * lite, "the array is about three lite messages: " + retained + " vs " + lite);
            // Publish until the kernel's and Netty's buffers are full and the queue is within two arrays of its
            // bound. Not until the first drop: on a busy machine the gateway may shed certificates before the
            // queue (counted as drops too), and the queue would then be left short of its bound.
            while (queued(harness) < QUEUE_BYTES / retained - 2 && index < 20_000) {
                for (int i = 0; i < 50; i++) {
                    harness.publish(sliced(index++));
                }
            }
            // Then enough more to fill a queue that counted messages by their own length three times over.
            for (int i = 0; i < 3 * QUEUE_BYTES / lite; i++) {
                harness.publish(sliced(index++));
            }
            waitUntil("the queue holds what is left of its bound", () -> queued(harness) > 0);
            JsonObject stats = harness.get("/stats").json();
            int queued = queued(harness);
            assertTrue(queued <= QUEUE_BYTES / retained,
                    queued + " lite messages queued: no more than " + QUEUE_BYTES + " bytes of their arrays ("
                            + QUEUE_BYTES / retained + "), not of their own length (" + QUEUE_BYTES / lite + ")");
            long bytes = stats.getJsonObject("memory").getJsonObject("gateway_queues").getLong("bytes");
            assertEquals((long) queued * retained, bytes, 0.05 * bytes, "/stats counts the arrays");
            assertTrue(bytes <= QUEUE_BYTES);
        }
    }

    private static int queued(GatewayHarness harness) {
        JsonArray worst = harness.get("/stats").json().getJsonObject("dropped_messages").getJsonArray("worst_sockets");
        return worst.isEmpty() ? 0 : worst.getJsonObject(0).getInteger("queued");
    }
}
