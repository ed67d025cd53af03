package dev.certstream.gateway;

import dev.certstream.render.ct.EntryType;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.certstream.gateway.GatewayHarness.await;
import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static dev.certstream.gateway.TestEnvelopes.LOG_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 100 clients of which 10 are paused: the 90 others get every message, the paused ones' drops are counted
 * per socket, the gateway's heap stays flat, and after resuming every paused socket accounts exactly for
 * every message (received + dropped = published).
 */
class SlowClientTest {

    private static final Logger LOG = LoggerFactory.getLogger(SlowClientTest.class);
    static final int CLIENTS = 100;
    static final int PAUSED = 10;
    static final int MESSAGES = 2500;
    static final int BATCH = 50;
    static final int MESSAGE_PADDING = 8000;
    static final int QUEUE_MESSAGES = 256;
    static final int QUEUE_BYTES = 1024 * 1024;
    /** Published bytes are ~20 MB; queues bounded as configured retain ~1-3 MB. Unbounded ones would keep ~all. */
    static final long HEAP_GROWTH_BOUND = 10L * 1024 * 1024;

    /**
     * One test client: how many text frames it got, its local port (the server's view of it), and for a
     * paused client the last index it got and whether every index came after the one before.
     */
    private record Counted(WebSocket socket, AtomicLong received, int port, AtomicLong lastIndex, AtomicBoolean inOrder) {
    }

    @Test
    void pausedClientsDropOldestWithoutHurtingOthersOrTheHeap() {
        GatewayConfig c = GatewayHarness.config();
        GatewayConfig config = c.toBuilder().port(0).instances(2).queue(QUEUE_MESSAGES, QUEUE_BYTES).maxClients(1000)
                .brokerTimeout(Duration.ofSeconds(5)).maxLogs(64).statsWorstSockets(20).build();
        try (GatewayHarness harness = GatewayHarness.start(config, true)) {
            List<Counted> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                WebSocket ws = harness.connect("/");
                AtomicLong received = new AtomicLong();
                AtomicLong lastIndex = new AtomicLong(-1);
                AtomicBoolean inOrder = new AtomicBoolean(true);
                boolean pausing = i % (CLIENTS / PAUSED) == 0;
                ws.frameHandler(frame -> {
                    if (frame.isText()) {
                        received.incrementAndGet();
                        if (pausing) {
                            // A fan-out window goes to a socket as one run while it has room and the rest
                            // through its queue: together they must keep the published order.
                            long index = new JsonObject(frame.textData()).getJsonObject("data").getLong("cert_index");
                            if (index <= lastIndex.getAndSet(index)) {
                                inOrder.set(false);
                            }
                        }
                    }
                });
                if (pausing) {
                    ws.pause(); // stops reading: the server sees a full socket once the buffers fill
                }
                clients.add(new Counted(ws, received, ws.localAddress().port(), lastIndex, inOrder));
            }
            List<Counted> paused = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i += CLIENTS / PAUSED) {
                paused.add(clients.get(i));
            }
            List<Counted> active = clients.stream().filter(k -> !paused.contains(k)).toList();
            assertEquals(PAUSED, paused.size());
            waitUntil("all clients registered", () -> harness.gateway.clients() == CLIENTS);

            long index = 0;
            index = publishInBatches(harness, active, index, 200); // warm-up, and fills the paused sockets' buffers
            long heapBefore = GatewayHarness.usedHeapAfterGc();
            index = publishInBatches(harness, active, index, MESSAGES);
            long heapAfter = GatewayHarness.usedHeapAfterGc();
            long published = index;
            long growth = heapAfter - heapBefore;
            LOG.info("slow clients: published {} x ~{} B to {} clients ({} paused); heap after GC {} -> {} KiB (growth {} KiB)",
                    published, MESSAGE_PADDING, CLIENTS, PAUSED, heapBefore >> 10, heapAfter >> 10, growth >> 10);
            assertTrue(growth < HEAP_GROWTH_BOUND, "heap grew by " + (growth >> 10) + " KiB");

            for (Counted client : active) {
                assertEquals(published, client.received().get(), "an active client got every message");
            }
            JsonObject drops = harness.get("/stats").json().getJsonObject("dropped_messages");
            JsonArray worst = drops.getJsonArray("worst_sockets");
            assertEquals(PAUSED, worst.size(), "exactly the paused sockets dropped: " + worst);
            long listedDrops = 0;
            for (int i = 0; i < worst.size(); i++) {
                JsonObject socket = worst.getJsonObject(i);
                assertTrue(socket.getLong("dropped") > 0 && socket.getInteger("queued") <= QUEUE_MESSAGES, "bounded: " + socket);
                assertFalse(socket.containsKey("remote"), "no client addresses on a public page");
                listedDrops += socket.getLong("dropped");
            }
            Map<Integer, Long> droppedByPort = new HashMap<>();
            harness.gateway.registry().droppedByRemote().forEach((remote, dropped) ->
                    droppedByPort.put(Integer.parseInt(remote.substring(remote.lastIndexOf(':') + 1)), dropped));
            for (Counted client : paused) {
                assertTrue(droppedByPort.get(client.port()) > 0, "paused socket drops counted: " + client.port());
            }
            for (Counted client : active) {
                assertEquals(0L, droppedByPort.get(client.port()), "an active socket dropped nothing");
            }
            long totalDrops = drops.getLong("total");
            LOG.info("slow clients: {} drops in total, per paused socket {}", totalDrops,
                    paused.stream().map(k -> droppedByPort.get(k.port())).toList());
            assertEquals(totalDrops, listedDrops);
            assertEquals(totalDrops, droppedByPort.values().stream().mapToLong(Long::longValue).sum());
            assertTrue(harness.get("/metrics").body().toString()
                    .contains("certstream_dropped_messages_total{stream=\"lite\"} " + totalDrops + ".0"));

            // Resumed, each paused socket gets its queue: what it received plus what it lost is what was sent.
            paused.forEach(client -> client.socket().resume());
            for (Counted client : paused) {
                long dropped = droppedByPort.get(client.port());
                waitUntil("paused client " + client.port() + " accounts for every message",
                        () -> client.received().get() + dropped == published);
                assertTrue(client.inOrder().get(), "paused client " + client.port() + " got its messages in order");
                assertEquals(published - 1, client.lastIndex().get(), "the newest message is kept, the oldest dropped");
            }
            await(Future.all(clients.stream().map(k -> k.socket().close()).toList()));
            waitUntil("all clients gone", () -> harness.gateway.clients() == 0);
        }
    }

    /** Publishes {@code count} messages in batches, each batch only after every active client got the last. */
    private static long publishInBatches(GatewayHarness harness, List<Counted> active, long from, int count) {
        long index = from;
        while (index < from + count) {
            for (int i = 0; i < BATCH; i++) {
                harness.publish(TestEnvelopes.sized(LOG_A, index++, EntryType.X509, MESSAGE_PADDING));
            }
            long expected = index;
            waitUntil("active clients received " + expected,
                    () -> active.stream().allMatch(k -> k.received().get() >= expected));
        }
        return index;
    }
}
