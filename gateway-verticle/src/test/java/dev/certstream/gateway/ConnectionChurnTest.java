package dev.certstream.gateway;

import dev.certstream.render.ct.EntryType;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.certstream.gateway.GatewayHarness.await;
import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static dev.certstream.gateway.TestEnvelopes.LOG_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of clients come and go (graceful closes and abrupt TCP drops, on all streams) while
 * certificates flow: afterwards the client count is 0 everywhere and the heap is back near its start.
 */
class ConnectionChurnTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionChurnTest.class);
    static final int WAVES = 30;
    static final int PER_WAVE = 100;
    static final int ABRUPT_PER_WAVE = 10;
    static final String[] ROUTES = {"/", "/full-stream", "/domains-only/"};
    /** A leak of even 1 KiB per cycle would show as ~3 MiB; the bound leaves room for GC noise. */
    static final long HEAP_GROWTH_BOUND = 4L * 1024 * 1024;

    @Test
    void clientCountAndHeapReturnAfterThousandsOfCycles() throws IOException {
        try (GatewayHarness harness = GatewayHarness.start(GatewayHarness.config(), true)) {
            AtomicLong index = new AtomicLong();
            long publisher = harness.vertx.setPeriodic(2, id ->
                    harness.publish(TestEnvelopes.sized(LOG_A, index.getAndIncrement(), EntryType.X509, 2000)));

            runWaves(harness, 3); // warm-up: JIT, pools and caches reach their steady size
            waitUntil("warm-up clients gone", () -> harness.gateway.clients() == 0);
            long heapBefore = GatewayHarness.usedHeapAfterGc();
            int cycles = runWaves(harness, WAVES);
            waitUntil("every client is forgotten", () -> harness.gateway.clients() == 0);
            harness.vertx.cancelTimer(publisher);
            long heapAfter = GatewayHarness.usedHeapAfterGc();

            assertEquals(0, harness.get("/stats").json().getInteger("current_users"));
            assertTrue(harness.get("/metrics").body().toString().contains("certstream_clients{stream=\"full\"} 0.0"));
            long growth = heapAfter - heapBefore;
            LOG.info("churn: {} connect/disconnect cycles while {} certificates flowed; heap after GC {} -> {} KiB (growth {} KiB)",
                    cycles, index.get(), heapBefore >> 10, heapAfter >> 10, growth >> 10);
            assertTrue(growth < HEAP_GROWTH_BOUND, "heap grew by " + (growth >> 10) + " KiB");
        }
    }

    /** Each wave connects PER_WAVE clients at once, then closes them: most gracefully, some by dropping TCP. */
    private static int runWaves(GatewayHarness harness, int waves) throws IOException {
        int cycles = 0;
        for (int wave = 0; wave < waves; wave++) {
            List<Future<WebSocket>> connecting = new ArrayList<>();
            for (int i = 0; i < PER_WAVE - ABRUPT_PER_WAVE; i++) {
                connecting.add(harness.websockets.connect(harness.port(), "127.0.0.1", ROUTES[i % ROUTES.length]));
            }
            List<RawWebSocket> abrupt = new ArrayList<>();
            for (int i = 0; i < ABRUPT_PER_WAVE; i++) {
                abrupt.add(RawWebSocket.open(harness.port(), ROUTES[i % ROUTES.length], i % 2 == 0));
            }
            List<WebSocket> sockets = await(Future.all(connecting)).list();
            int expected = PER_WAVE;
            waitUntil("wave of " + expected + " registered", () -> harness.gateway.clients() >= expected);
            for (RawWebSocket raw : abrupt) {
                raw.close(); // no close frame: the server learns it from TCP
            }
            await(Future.all(sockets.stream().map(WebSocket::close).toList()));
            cycles += PER_WAVE;
        }
        return cycles;
    }
}
