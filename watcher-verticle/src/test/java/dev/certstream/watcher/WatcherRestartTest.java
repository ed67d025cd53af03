package dev.certstream.watcher;

import dev.certstream.watcher.cluster.FileProgressStore;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.log.SimulatedLog;
import dev.certstream.testing.SimulatorExtension;
import dev.certstream.testing.Wait;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A log seen for the first time starts at its tree head (never index 0), and a restarted watcher resumes
 * from its progress file exactly where the previous one stopped: no gap, no replay from the start.
 */
class WatcherRestartTest extends WatcherTestBase {

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder()
            .rfc6962Logs(1).tiledLogs(1).initialSize(900).growthPerSecond(30).poolSize(16).seed(11)
            .checkpointPeriod(Duration.ofMillis(200)));

    private WatcherVerticle deploy() throws Exception {
        WatcherConfig config = TestConfigs.fast(simulator.logListUrl(), dataDir, Duration.ofSeconds(2)).build();
        FileProgressStore progress = new FileProgressStore(vertx, dataDir.resolve("progress.json"));
        await(progress.open(100));
        WatcherVerticle watcher = new WatcherVerticle(config, progress, new WatcherMetrics(), "restart-test");
        await(vertx.deployVerticle(watcher));
        return watcher;
    }

    private void waitFor(Map<String, List<Long>> seen, long perLog) {
        Wait.until(perLog + " certificates of every log", () -> simulator.logs().stream()
                .allMatch(l -> seen.getOrDefault(l.url(), List.of()).size() >= perLog));
    }

    @Test
    void startsAtTheHeadThenResumesWithoutGapAfterARestart() throws Exception {
        CertificateEnvelope.registerCodec(vertx.eventBus());
        Map<String, List<Long>> first = new ConcurrentHashMap<>();
        Map<String, Long> headAtStart = new ConcurrentHashMap<>();
        for (SimulatedLog log : simulator.logs()) {
            headAtStart.put(log.url(), log.publishedSize());
        }
        MessageConsumer<CertificateEnvelope> consumer = vertx.eventBus().consumer(BusAddresses.CERTIFICATES,
                m -> first.computeIfAbsent(m.body().logUrl(), k -> new CopyOnWriteArrayList<>()).add(m.body().index()));
        WatcherVerticle watcher = deploy();
        waitFor(first, 40);
        await(vertx.undeploy(watcher.deploymentID()));
        await(consumer.unregister());

        for (SimulatedLog log : simulator.logs()) {
            long firstIndex = first.get(log.url()).get(0);
            assertTrue(firstIndex >= headAtStart.get(log.url()) && firstIndex < headAtStart.get(log.url()) + 300,
                    log.url() + " started at its head " + headAtStart.get(log.url()) + ", not at " + firstIndex);
        }
        // The logs grow while no watcher runs, so the restarted one has a backlog to resume into.
        Wait.until("every log grown past what the first watcher published", () -> simulator.logs().stream().allMatch(log ->
                log.publishedSize() > first.get(log.url()).get(first.get(log.url()).size() - 1) + 30));

        Map<String, List<Long>> second = new ConcurrentHashMap<>();
        vertx.eventBus().<CertificateEnvelope>consumer(BusAddresses.CERTIFICATES,
                m -> second.computeIfAbsent(m.body().logUrl(), k -> new CopyOnWriteArrayList<>()).add(m.body().index()));
        deploy();
        waitFor(second, 40);
        for (SimulatedLog log : simulator.logs()) {
            List<Long> before = first.get(log.url());
            long last = before.get(before.size() - 1);
            assertEquals(last + 1, (long) second.get(log.url()).get(0), log.url() + " resumed right after " + last);
            List<Long> after = second.get(log.url());
            for (int i = 1; i < after.size(); i++) {
                assertEquals(after.get(i - 1) + 1, (long) after.get(i), log.url() + " no gap after the restart");
            }
        }
    }
}
