package dev.certstream.watcher;

import dev.certstream.contract.LogState;
import dev.certstream.contract.LogStatus;
import dev.certstream.simulator.SimulatedLog;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.testing.SimulatorExtension;
import dev.certstream.testing.Wait;
import dev.certstream.watcher.cluster.FileProgressStore;
import dev.certstream.watcher.verify.VerifierMeters;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entries checked against their log's signed tree, on an RFC 6962 and a tiled simulated log in one JVM:
 * published with {@code verified} true before publishing, the verified range catching up after it, no
 * request made for it in steady state, and the frontier carried through a restart.
 */
class WatcherVerifyTest extends WatcherTestBase {

    static final long START = 300;

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder()
            .rfc6962Logs(1).tiledLogs(1).initialSize(START).growthPerSecond(0).poolSize(16).seed(31)
            .checkpointPeriod(Duration.ofMillis(100)));

    private PrometheusMeterRegistry registry;

    private WatcherVerticle deploy(VerifySettings.Mode mode) throws Exception {
        WatcherConfig config = TestConfigs.fast(simulator.logListUrl(), dataDir, Duration.ofSeconds(5))
                .verify(v -> v.mode(mode).maxWait(Duration.ofMinutes(1))).build();
        FileProgressStore progress = new FileProgressStore(vertx, dataDir.resolve("progress.json"));
        await(progress.open(100));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WatcherVerticle watcher = new WatcherVerticle(config, progress, new WatcherMetrics(registry), "verify-test");
        await(vertx.deployVerticle(watcher));
        return watcher;
    }

    private void grow(int entries) {
        for (SimulatedLog log : simulator.logs()) {
            log.append(entries);
        }
    }

    static LogStatus status(WatcherVerticle watcher, SimulatedLog log) {
        return await(watcher.statuses()).stream().filter(s -> s.url().equals(log.url())).findFirst().orElse(null);
    }

    private long requests(String kind) {
        return (long) registry.find(VerifierMeters.REQUESTS).tags("kind", kind).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private void waitStreamed(VerifiedStream stream, WatcherVerticle watcher) {
        for (SimulatedLog log : simulator.logs()) {
            Wait.until(log.name() + " published up to " + log.treeSize() + " (" + stream + ")",
                    () -> stream.reached(log, log.treeSize()));
        }
    }

    @Test
    void everyEntryIsVerifiedBeforeItIsPublishedAndSteadyStateAsksNothing() throws Exception {
        VerifiedStream stream = VerifiedStream.listen(vertx);
        WatcherVerticle watcher = deploy(VerifySettings.Mode.BEFORE_PUBLISH);
        for (SimulatedLog log : simulator.logs()) {
            Wait.until(log.name() + " followed", () -> status(watcher, log) != null
                    && status(watcher, log).state() == LogState.FOLLOWING && status(watcher, log).treeSize() == START);
        }
        grow(37);
        waitStreamed(stream, watcher);
        long placing = requests("inclusion") + requests("hash_tiles") + requests("consistency");
        assertTrue(placing >= 2 && placing <= 8, "placing the folds of two logs: " + placing + " requests");
        for (int round = 0; round < 6; round++) {
            grow(round % 2 == 0 ? 41 : 300);
            waitStreamed(stream, watcher);
        }
        for (SimulatedLog log : simulator.logs()) {
            List<VerifiedStream.Seen> seen = stream.assertExactly(log, START, log.treeSize());
            assertEquals(List.of(), stream.flagged(log, START, log.treeSize(), false),
                    log.name() + ": every entry verified before it was published");
            assertTrue(seen.size() > 1000);
            LogStatus status = status(watcher, log);
            assertEquals(log.treeSize(), status.verification().verifiedSize(), log.name());
            assertEquals(START, status.verification().verifiedFrom(), log.name() + ": placed where it started");
            assertEquals(LogState.FOLLOWING, status.state());
        }
        assertEquals(placing, requests("inclusion") + requests("hash_tiles") + requests("consistency"),
                "seven heads later, verification asked nothing more: the heads and every leaf are read anyway");
        String scrape = registry.scrape();
        for (SimulatedLog log : simulator.logs()) {
            assertTrue(scrape.contains("certstream_log_misbehaving{log=\"" + log.url() + "\"} 0.0"), scrape);
        }
    }

    @Test
    void publishedAtOnceTheVerifiedRangeCatchesUp() throws Exception {
        VerifiedStream stream = VerifiedStream.listen(vertx);
        WatcherVerticle watcher = deploy(VerifySettings.Mode.AFTER_PUBLISH);
        for (SimulatedLog log : simulator.logs()) {
            Wait.until(log.name() + " followed", () -> status(watcher, log) != null && status(watcher, log).treeSize() == START);
        }
        for (int round = 0; round < 4; round++) {
            grow(97);
            waitStreamed(stream, watcher);
        }
        for (SimulatedLog log : simulator.logs()) {
            stream.assertExactly(log, START, log.treeSize());
            Wait.until(log.name() + " verified up to its head", () -> status(watcher, log).verification().verifiedSize()
                    == log.treeSize());
        }
    }

    @Test
    void aRestartContinuesVerifyingFromTheSavedFrontier() throws Exception {
        VerifiedStream stream = VerifiedStream.listen(vertx);
        WatcherVerticle first = deploy(VerifySettings.Mode.BEFORE_PUBLISH);
        for (SimulatedLog log : simulator.logs()) {
            Wait.until(log.name() + " followed", () -> status(first, log) != null && status(first, log).treeSize() == START);
        }
        grow(60);
        waitStreamed(stream, first);
        await(vertx.undeploy(first.deploymentID()));
        JsonObject saved = new JsonObject(Files.readString(dataDir.resolve("progress.json")));
        for (SimulatedLog log : simulator.logs()) {
            JsonObject record = saved.getJsonObject("logs").getJsonObject(log.url());
            assertEquals(START + 60, record.getLong("next"));
            assertNotNull(record.getString("frontier"), log.name() + ": the frontier is saved");
            assertEquals(START + 60, record.getJsonObject("verified").getLong("tree_size"));
        }
        grow(150);
        WatcherVerticle second = deploy(VerifySettings.Mode.BEFORE_PUBLISH);
        waitStreamed(stream, second);
        for (SimulatedLog log : simulator.logs()) {
            stream.assertExactly(log, START, log.treeSize());
            assertEquals(List.of(), stream.flagged(log, START, log.treeSize(), false), log.name());
            assertEquals(0, status(second, log).verification().verifiedFrom(), "continued, not placed again");
        }
        assertEquals(0, requests("inclusion") + requests("hash_tiles"), "no proof to place the fold again");
        assertEquals(1, requests("consistency"), "the RFC 6962 log's saved head linked to its next one, once");
    }
}
