package dev.certstream.watcher;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.simulator.SimulatedLog;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.testing.SimulatorExtension;
import dev.certstream.testing.Wait;
import dev.certstream.watcher.cluster.FileProgressStore;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Catching up four logs with four requests each in flight would hold ~16 pages at once; with a budget of
 * about two pages the watcher holds no more than that (one page over at most), its followers wait for room
 * rather than fail, and every entry of every log is still published once, in order.
 */
class WatcherFetchBudgetTest extends WatcherTestBase {

    private static final int BACKLOG = 800;
    private static final int BATCH = 32;
    private static final long BUDGET = 640 * 1024;

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder()
            .rfc6962Logs(4).tiledLogs(0).initialSize(BACKLOG).growthPerSecond(0.5).poolSize(16).seed(23)
            .checkpointPeriod(Duration.ofMillis(200)));

    @Test
    void aCatchUpHoldsNoMoreThanTheBudgetAndLosesNothing() throws Exception {
        FileProgressStore progress = new FileProgressStore(vertx, dataDir.resolve("progress.json"));
        await(progress.open(100));
        for (SimulatedLog log : simulator.logs()) {
            progress.save(log.url(), 0); // every log is BACKLOG entries behind
        }
        CertificateEnvelope.registerCodec(vertx.eventBus());
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        vertx.eventBus().<CertificateEnvelope>consumer(BusAddresses.CERTIFICATES,
                m -> seen.computeIfAbsent(m.body().logUrl(), k -> new CopyOnWriteArrayList<>()).add(m.body().index()));
        WatcherConfig config = TestConfigs.fast(simulator.logListUrl(), dataDir, Duration.ofSeconds(10))
                .fetching(f -> f.batchSize(BATCH))
                .pacing(p -> p.maxRequestsPerLog(4).fetchBudgetBytes(BUDGET)).build();
        WatcherVerticle watcher = new WatcherVerticle(config, progress, new WatcherMetrics(), "budget-test");
        await(vertx.deployVerticle(watcher));

        Wait.until("every log caught up", () -> simulator.logs().stream()
                .allMatch(log -> seen.getOrDefault(log.url(), List.of()).size() >= BACKLOG));
        for (SimulatedLog log : simulator.logs()) {
            List<Long> indices = seen.get(log.url());
            for (int i = 0; i < indices.size(); i++) {
                assertEquals(i, (long) indices.get(i), log.url() + ": every entry once, in order");
            }
        }
        JsonObject budget = await(watcher.stats()).getJsonObject("memory").getJsonObject("watcher")
                .getJsonObject("fetch_budget");
        // A page of 32 entries is estimated at ~32 x 16 KB = 512 KB until the log's own sizes are known; one
        // page may go past the budget (the request held batches wait on), never the ~16 in flight unbounded.
        long page = BATCH * 16 * 1024;
        assertTrue(budget.getLong("peak_bytes") <= BUDGET + page, "held at most the budget and one page: " + budget);
        assertTrue(budget.getLong("waits") > 0, "followers waited for room: " + budget);
        Wait.until("everything published was given back", () -> await(watcher.stats()).getJsonObject("memory")
                .getJsonObject("watcher").getJsonObject("fetch_budget").getLong("used_bytes") == 0);
    }
}
