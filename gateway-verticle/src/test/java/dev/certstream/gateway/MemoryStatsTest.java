package dev.certstream.gateway;

import dev.certstream.render.ct.EntryType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /stats carries a memory object (heap, direct memory, the socket queues, the broker's ring) and /metrics the JVM's. */
class MemoryStatsTest {

    @Test
    void statsShowHeapDirectMemoryQueuesAndTheRing() {
        try (GatewayHarness harness = GatewayHarness.start(GatewayHarness.config(), true)) {
            for (int i = 0; i < 3; i++) {
                harness.publish(TestEnvelopes.of(TestEnvelopes.LOG_A, i, EntryType.X509));
            }
            waitUntil("the broker counted them", () -> harness.get("/stats").json().getLong("processed_certificates", 0L) == 3);
            JsonObject memory = harness.get("/stats").json().getJsonObject("memory");
            JsonObject heap = memory.getJsonObject("heap");
            assertTrue(heap.getLong("used") > 0 && heap.getLong("used") <= heap.getLong("committed"), memory.encode());
            assertEquals(Runtime.getRuntime().maxMemory(), heap.getLong("max"));
            assertTrue(memory.getJsonObject("direct").getLong("max") > 0, memory.encode());
            assertEquals(0, memory.getJsonObject("gateway_queues").getLong("bytes"));
            JsonObject broker = memory.getJsonObject("broker");
            assertEquals(3, broker.getInteger("ring_messages"));
            long expected = 0;
            for (int i = 0; i < 3; i++) {
                expected += TestEnvelopes.of(TestEnvelopes.LOG_A, i, EntryType.X509).lite().length();
            }
            var newest = TestEnvelopes.of(TestEnvelopes.LOG_A, 2, EntryType.X509);
            expected += newest.full().length() + newest.lite().length() + newest.domains().length();
            assertEquals(expected, broker.getLong("ring_bytes"));
            String metrics = harness.get("/metrics").body().toString();
            assertTrue(metrics.contains("jvm_memory_used_bytes{area=\"heap\""), "JVM memory meters");
            assertTrue(metrics.contains("jvm_buffer_memory_used_bytes{id=\"direct\"}"), "direct buffers");
            assertTrue(metrics.contains("certstream_gateway_queued_bytes"));
        }
    }
}
