package dev.certstream.watcher;

import dev.certstream.contract.LogEvidence;
import dev.certstream.contract.LogState;
import dev.certstream.contract.LogStatus;
import dev.certstream.simulator.Lie;
import dev.certstream.simulator.SimulatedLog;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.testing.SimulatorExtension;
import dev.certstream.testing.Wait;
import dev.certstream.watcher.cluster.FileProgressStore;
import dev.certstream.watcher.verify.VerifierMeters;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every lie the simulator can tell, on an RFC 6962 and a tiled log each, told at once to one watcher: a
 * tampered entry, a wrong root, a fork and bad signatures are each caught with their evidence, the lying
 * logs go to misbehaving (and the metric an alert fires on to 1), and no entry is lost or skipped: every
 * entry is still published, in order, unverified from the lie on.
 */
class WatcherLiesTest extends WatcherTestBase {

    private static final long START = 300;
    private static final long TOLD_AT = 340;
    private static final long CAUGHT_AT = 380;
    private static final long END = 400;

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder()
            .rfc6962Logs(4).tiledLogs(4).initialSize(START).growthPerSecond(0).poolSize(16).seed(41)
            .checkpointPeriod(Duration.ofMillis(100)));

    private SimulatedLog log(String name) {
        return simulator.get().log(name);
    }

    private void grow(long to) {
        simulator.logs().forEach(log -> log.append(to - log.treeSize()));
    }

    @Test
    void eachLieIsCaughtWithItsEvidenceAndNoEntryIsLost() throws Exception {
        VerifiedStream stream = VerifiedStream.listen(vertx);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WatcherMetrics metrics = new WatcherMetrics(registry);
        WatcherConfig config = TestConfigs.fast(simulator.logListUrl(), dataDir, Duration.ofSeconds(5))
                .verify(v -> v.maxWait(Duration.ofMinutes(1))).build();
        FileProgressStore progress = new FileProgressStore(vertx, dataDir.resolve("progress.json"));
        await(progress.open(100));
        WatcherVerticle watcher = new WatcherVerticle(config, progress, metrics, "lies-test");
        await(vertx.deployVerticle(watcher));
        for (SimulatedLog log : simulator.logs()) {
            Wait.until(log.name() + " followed", () -> status(watcher, log) != null && status(watcher, log).treeSize() == START);
        }
        grow(TOLD_AT);
        for (SimulatedLog log : simulator.logs()) {
            Wait.until(log.name() + " verified up to " + TOLD_AT, () -> status(watcher, log).verification().verifiedSize() == TOLD_AT);
        }
        for (String type : List.of("rfc", "tiled")) {
            log(type + "0").lie(Lie.tamperedEntry(TOLD_AT + 10));
            log(type + "1").lie(Lie.wrongRoot(TOLD_AT + 1));
            log(type + "2").lie(Lie.fork(TOLD_AT - 5, TOLD_AT + 1));
            log(type + "3").lie(Lie.badSignature(TOLD_AT + 1));
        }
        grow(CAUGHT_AT);

        for (String type : List.of("rfc", "tiled")) {
            boolean rfc = type.equals("rfc");
            LogEvidence tampered = caught(watcher, log(type + "0"), LogEvidence.Problem.ROOT_MISMATCH);
            assertEquals(Base64.getEncoder().encodeToString(log(type + "0").rootHash(CAUGHT_AT)),
                    tampered.secondHead().rootHash(), "the head was honest: the entry lied");
            LogEvidence wrongRoot = caught(watcher, log(type + "1"), rfc ? LogEvidence.Problem.INCONSISTENT_HEADS
                    : LogEvidence.Problem.ROOT_MISMATCH);
            assertNotEquals(Base64.getEncoder().encodeToString(log(type + "1").rootHash(CAUGHT_AT)),
                    wrongRoot.secondHead().rootHash(), "the lying root is the evidence");
            // RFC 6962: the fork's own consistency proof does not reach the head the watcher verified.
            caught(watcher, log(type + "2"), rfc ? LogEvidence.Problem.INCONSISTENT_HEADS : LogEvidence.Problem.ROOT_MISMATCH);
            refused(watcher, metrics, log(type + "3"));
        }
        String scrape = registry.scrape();
        for (SimulatedLog log : simulator.logs()) {
            boolean lying = !log.name().endsWith("3");
            assertTrue(scrape.contains("certstream_log_misbehaving{log=\"" + log.url() + "\"} " + (lying ? "1.0" : "0.0")),
                    log.name() + " in " + scrape);
        }

        // The signatures are good again; the other logs go on lying. Every entry still reaches the stream.
        log("rfc3").lie(null);
        log("tiled3").lie(null);
        grow(END);
        for (SimulatedLog log : simulator.logs()) {
            Wait.until(log.name() + " published up to " + END + " (" + stream + ")", () -> stream.reached(log, END));
            stream.assertExactly(log, START, END);
            assertEquals(List.of(), stream.flagged(log, START, TOLD_AT, false), log.name() + ": verified before the lie");
            if (log.name().endsWith("3")) {
                assertEquals(List.of(), stream.flagged(log, TOLD_AT, END, false), log.name() + ": a refused head is no lie");
                assertEquals(END, status(watcher, log).verification().verifiedSize());
            } else {
                assertEquals(List.of(), stream.flagged(log, TOLD_AT, END, true), log.name() + ": nothing verified after the lie");
                assertEquals(LogState.MISBEHAVING, status(watcher, log).state());
            }
        }
        assertTrue(metrics.total(VerifierMeters.UNVERIFIED) >= 6 * (END - TOLD_AT), "unverified entries are counted");
    }

    private static LogStatus status(WatcherVerticle watcher, SimulatedLog log) {
        return WatcherVerifyTest.status(watcher, log);
    }

    /** Waits for the log to be caught with this problem, and checks the evidence common to every lie. */
    private static LogEvidence caught(WatcherVerticle watcher, SimulatedLog log, LogEvidence.Problem problem) {
        Wait.until(log.name() + " caught: " + problem, () -> {
            LogStatus s = status(watcher, log);
            return s.state() == LogState.MISBEHAVING && s.verification().misbehaviour().problem() == problem;
        });
        LogEvidence evidence = status(watcher, log).verification().misbehaviour();
        assertEquals(TOLD_AT, evidence.firstHead().treeSize(), log.name() + ": the last head that checked out");
        assertEquals(Base64.getEncoder().encodeToString(log.rootHash(TOLD_AT)), evidence.firstHead().rootHash());
        assertEquals(CAUGHT_AT, evidence.secondHead().treeSize(), log.name() + ": the head that did not");
        assertEquals(TOLD_AT, evidence.fromIndex(), log.name());
        assertEquals(CAUGHT_AT, evidence.toIndex(), log.name());
        assertTrue(Set.of(evidence.firstHead().signature(), evidence.secondHead().signature()).size() == 2,
                "both heads with their signatures");
        assertEquals(-1, status(watcher, log).verification().verifiedSize(), log.name() + ": nothing is verified any more");
        return evidence;
    }

    /** A head with a bad signature is refused: counted, shown, not followed, and the log is not accused. */
    private static void refused(WatcherVerticle watcher, WatcherMetrics metrics, SimulatedLog log) {
        Wait.until(log.name() + " refusing its heads", () -> status(watcher, log).verification().rejectedHeads() > 0);
        LogStatus s = status(watcher, log);
        assertEquals(TOLD_AT, s.treeSize(), log.name() + ": the refused head is not followed");
        assertEquals(CAUGHT_AT, s.verification().lastRejected().secondHead().treeSize());
        assertEquals(LogEvidence.Problem.BAD_SIGNATURE, s.verification().lastRejected().problem());
        assertTrue(s.lastError() != null && s.lastError().contains("refused"), s.lastError());
        assertNotEquals(LogState.MISBEHAVING, s.state());
        assertNull(s.verification().misbehaviour());
        assertTrue(metrics.total(VerifierMeters.REJECTED, "log", log.url()) > 0);
        assertTrue(metrics.total(WatcherMetrics.FETCH_FAILED, "log", log.url(), "kind", "bad_signature") > 0);
    }
}
