package dev.certstream.systest;

import dev.certstream.systest.client.Http;

import dev.certstream.systest.process.DemoServerExtension;

import dev.certstream.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of websocket connect/disconnect cycles (clean closes and abrupt aborts, on all three streams)
 * against the real server jar: afterwards no client is counted any more and the server's live heap and
 * RSS have not grown beyond generous bounds.
 */
class ConnectionChurnIT {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionChurnIT.class);
    private static final int WARM_UP_CYCLES = 300;
    private static final int ROUNDS = 3;
    private static final int CYCLES_PER_ROUND = 1000;
    /** Concurrent cycles: enough to overlap connects and closes, few enough for a shared 2-core box. */
    private static final int PARALLEL = 8;
    /**
     * Live heap may move by caches filling (broker ring, duplicate filter, meters), measured at 11-14 MiB
     * in all; 2000 leaked sockets of 16 KiB each would reach it.
     */
    private static final long HEAP_GROWTH_BOUND = 32L << 20;
    private static final long RSS_GROWTH_BOUND = 256L << 20;
    private static final List<String> ROUTES = List.of("/", "/full-stream", "/domains-only");
    @RegisterExtension
    static final DemoServerExtension SERVER = new DemoServerExtension("churn-server");

    @Test
    void churnLeavesNoClientsBehindAndMemoryFlat() throws Exception {
        churn(WARM_UP_CYCLES);
        awaitNoClients();
        LOG.info("after {} warm-up cycles: live heap {} MiB, RSS {} MiB", WARM_UP_CYCLES,
                SERVER.process().heapUsedAfterGcBytes() >> 20, SERVER.process().rssBytes() >> 20);
        long[] heap = new long[ROUNDS + 1];
        long[] rss = new long[ROUNDS + 1];
        for (int round = 1; round <= ROUNDS; round++) {
            assertEquals(0, churn(CYCLES_PER_ROUND), "cycles whose connect failed in round " + round);
            awaitNoClients();
            heap[round] = SERVER.process().heapUsedAfterGcBytes();
            rss[round] = SERVER.process().rssBytes();
            LOG.info("after round {} ({} cycles): live heap {} MiB, RSS {} MiB", round, round * CYCLES_PER_ROUND,
                    heap[round] >> 20, rss[round] >> 20);
        }
        assertTrue(SERVER.process().isAlive(), "the server died:\n" + SERVER.process().logTail(40));
        // Compared from round 1 on: by then start-up garbage, JIT and pools have settled.
        assertTrue(heap[ROUNDS] - heap[1] < HEAP_GROWTH_BOUND, "live heap after each round: " + Arrays.toString(heap));
        assertTrue(rss[ROUNDS] - rss[1] < RSS_GROWTH_BOUND, "RSS after each round: " + Arrays.toString(rss));
    }

    /** Runs {@code cycles} connect/disconnect cycles, half closing cleanly, half aborting; returns failures. */
    private static int churn(int cycles) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        AtomicInteger failures = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < cycles; i++) {
                int cycle = i;
                done.add(pool.submit(() -> {
                    if (!oneCycle(ROUTES.get(cycle % ROUTES.size()), cycle % 2 == 0)) {
                        failures.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return failures.get();
    }

    private static boolean oneCycle(String route, boolean clean) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(null);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(null);
            }
        };
        try {
            WebSocket socket = Http.CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(SERVER.wsUrl(route)), listener).get(60, TimeUnit.SECONDS);
            if (clean) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);
                closed.get(30, TimeUnit.SECONDS);
            } else {
                socket.abort();
            }
            return true;
        } catch (Exception e) {
            LOG.warn("churn cycle on {} failed: {}", route, e.toString());
            return false;
        }
    }

    private static void awaitNoClients() {
        String stats = SERVER.baseUrl() + "/stats";
        Wait.until("current_users back to 0 on " + SERVER.process().name(), Duration.ofMinutes(2), () -> {
            JsonNode body = Http.get(stats).json();
            return body.path("current_users").asLong(-1) == 0;
        });
        JsonNode byStream = Http.get(stats).json().get("current_users_by_stream");
        byStream.forEach(count -> assertEquals(0, count.asLong(), "current_users_by_stream " + byStream));
    }
}
