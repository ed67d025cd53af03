package dev.certstream.watcher;

import dev.certstream.watcher.cluster.FileProgressStore;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.LogState;
import dev.certstream.contract.LogStatus;
import dev.certstream.render.ct.EntryType;
import dev.certstream.simulator.FaultKind;
import dev.certstream.simulator.GzipMode;
import dev.certstream.simulator.SimulatedLog;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.testing.SimulatorExtension;
import dev.certstream.testing.Wait;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watcher against the simulator with 30 % of requests failing in every way the simulator knows,
 * for several logs of both kinds at once: every parseable entry is published exactly once, in order per
 * log, with no gap; corrupt entries are counted instead.
 */
class WatcherFaultToleranceTest extends WatcherTestBase {

    private static final long START = 40;
    private static final long TARGET = 1500;

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder()
            .rfc6962Logs(2).tiledLogs(2).initialSize(1000).growthPerSecond(40)
            .pageCap(70).checkpointPeriod(Duration.ofMillis(300)).gzip(GzipMode.ALWAYS).seed(7)
            .poolSize(64).faultRate(0.3).faults(EnumSet.allOf(FaultKind.class)).corruptRate(0.02)
            .retryAfterSeconds(1).slowDelay(Duration.ofMillis(400)).timeoutCloseAfter(Duration.ofSeconds(5))
            .partialTilesVanish(true).witnessCosignature(true));

    @Test
    void publishesEveryParseableEntryOnceInOrderDespiteFaults() throws Exception {
        // Progress saved by an "earlier run": each log resumes at START, so there is a backlog to catch up.
        JsonObject saved = new JsonObject();
        for (SimulatedLog log : simulator.logs()) {
            saved.put(log.url(), START);
        }
        Files.writeString(dataDir.resolve("progress.json"), saved.encode());

        Map<String, List<CertificateEnvelope>> received = new ConcurrentHashMap<>();
        CertificateEnvelope.registerCodec(vertx.eventBus());
        vertx.eventBus().<CertificateEnvelope>consumer(BusAddresses.CERTIFICATES, m ->
                received.computeIfAbsent(m.body().logUrl(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(m.body()));

        WatcherConfig config = TestConfigs.fast(simulator.logListUrl(), dataDir, Duration.ofSeconds(1)).build();
        WatcherMetrics metrics = new WatcherMetrics();
        FileProgressStore progress = new FileProgressStore(vertx, dataDir.resolve("progress.json"));
        await(progress.open(100));
        WatcherVerticle watcher = new WatcherVerticle(config, progress, metrics, "test");
        await(vertx.deployVerticle(watcher));

        try {
            Wait.until("every log reaching index " + TARGET, Duration.ofSeconds(150), () -> allReached(received));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + progressOf(received) + " failures "
                    + metrics.total(WatcherMetrics.FETCH_FAILED), e);
        }

        long corruptSeen = 0;
        for (SimulatedLog log : simulator.logs()) {
            List<CertificateEnvelope> got = new ArrayList<>(received.get(log.url()));
            long expectedIndex = START;
            for (CertificateEnvelope envelope : got) {
                while (expectedIndex < envelope.index() && log.isCorrupt(expectedIndex)) {
                    expectedIndex++;
                    corruptSeen++;
                }
                assertEquals(expectedIndex, envelope.index(), log.url() + ": gap, duplicate or disorder");
                assertTrue(!log.isCorrupt(envelope.index()), log.url() + ": corrupt entry " + envelope.index() + " published");
                expectedIndex++;
            }
            assertTrue(expectedIndex >= TARGET);
            // Spot-check that what was published is the entry the log holds.
            CertificateEnvelope sample = got.get(got.size() / 2);
            var entry = log.entry(sample.index());
            JsonObject full = new JsonObject(sample.full().toString());
            assertArrayEquals(entry.leafDer(), Base64.getDecoder().decode(
                    full.getJsonObject("data").getJsonObject("leaf_cert").getString("as_der")));
            assertEquals(entry.precert() ? EntryType.PRECERT : EntryType.X509, sample.entryType());
            assertEquals(entry.chainDer().size(), full.getJsonObject("data").getJsonArray("chain").size(),
                    log.url() + " chain of " + sample.index());
            if (entry.precert()) {
                assertEquals("PrecertLogEntry", full.getJsonObject("data").getString("update_type"));
            }
        }
        assertTrue(corruptSeen > 0, "the simulator injected corrupt entries in range");
        // Faults are no lies: no log is accused, and verification gets past where each log resumed (its
        // progress had no frontier, so a proof placed the fold despite 30 % of requests failing).
        Wait.until("every log verified past where it resumed", () -> await(watcher.statuses()).stream()
                .allMatch(s -> s.verification().verifiedSize() > START));
        for (LogStatus status : await(watcher.statuses())) {
            assertNotEquals(LogState.MISBEHAVING, status.state(), status.url());
            assertNull(status.verification().misbehaviour(), status.url());
        }
        assertTrue(metrics.total(WatcherMetrics.SKIPPED) >= corruptSeen, "every corrupt entry was counted: "
                + metrics.total(WatcherMetrics.SKIPPED) + " < " + corruptSeen);
        for (String kind : List.of("rate_limited", "server_error", "timeout", "bad_body")) {
            assertTrue(metrics.total(WatcherMetrics.FETCH_FAILED, "kind", kind) > 0, kind + " faults were seen");
        }
        // Chain certificates and issuers repeat: both caches are hit, and their counts reach the metrics.
        for (String cache : List.of("chain_certificates", "issuers")) {
            assertTrue(metrics.cacheGets(cache, "hit") > 0, cache + " cache hits are counted");
            assertTrue(metrics.cacheGets(cache, "miss") > 0, cache + " cache misses are counted");
        }
    }

    private boolean allReached(Map<String, List<CertificateEnvelope>> received) {
        for (SimulatedLog log : simulator.logs()) {
            List<CertificateEnvelope> got = received.get(log.url());
            if (got == null || got.isEmpty() || got.get(got.size() - 1).index() < TARGET) {
                return false;
            }
        }
        return true;
    }

    private String progressOf(Map<String, List<CertificateEnvelope>> received) {
        StringBuilder out = new StringBuilder();
        received.forEach((log, list) -> out.append(log).append('=').append(list.isEmpty() ? -1 : list.get(list.size() - 1).index()).append(' '));
        return out.toString();
    }
}
