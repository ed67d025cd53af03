package dev.certstream.watcher;

import dev.certstream.watcher.cluster.LogAssignment;
import dev.certstream.watcher.cluster.PauseFence;
import dev.certstream.watcher.cluster.LogProgress;
import dev.certstream.watcher.cluster.ProgressStore;
import dev.certstream.watcher.ct.LogSource;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.testing.Wait;
import dev.certstream.testing.SimulatorExtension;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A watcher whose ownership lapsed (it stood still too long, see {@link PauseFence}) stops every follower at
 * once, publishes nothing more, records no more progress and drops what it had not persisted yet.
 */
class WatcherLapseTest extends WatcherTestBase {

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder()
            .rfc6962Logs(1).tiledLogs(1).initialSize(500).growthPerSecond(40).poolSize(16).seed(5)
            .checkpointPeriod(Duration.ofMillis(200)));

    /** Owns every listed log until told that its ownership lapsed. */
    private static final class LapsingAssignment implements LogAssignment {
        volatile boolean lapsed;
        /** Rebalance ticks that asked which logs to follow. */
        final AtomicInteger asked = new AtomicInteger();
        private Runnable stopEverything;
        private Context context;

        @Override
        public Future<Set<LogSource>> owned(Set<LogSource> listed) {
            asked.incrementAndGet();
            return Future.succeededFuture(lapsed ? Set.of() : listed);
        }

        @Override
        public boolean mayPublish() {
            return !lapsed;
        }

        @Override
        public void onLapse(Runnable stopEverything) {
            this.stopEverything = stopEverything;
            this.context = Vertx.currentContext();
        }

        void lapse() {
            context.runOnContext(v -> {
                lapsed = true;
                stopEverything.run();
            });
        }
    }

    /** Counts what the watcher records, and whether it dropped what was not persisted. */
    private static final class CountingProgress implements ProgressStore {
        final AtomicInteger saves = new AtomicInteger();
        final AtomicInteger discards = new AtomicInteger();

        @Override
        public Future<LogProgress> loadProgress(String logUrl) {
            return Future.succeededFuture(null);
        }

        @Override
        public void save(String logUrl, LogProgress progress) {
            saves.incrementAndGet();
        }

        @Override
        public Future<Void> flush() {
            return Future.succeededFuture();
        }

        @Override
        public void discardUnsaved() {
            discards.incrementAndGet();
        }
    }

    @Test
    void aLapsedWatcherStopsPublishingAndRecordingAtOnce() throws Exception {
        CertificateEnvelope.registerCodec(vertx.eventBus());
        AtomicLong published = new AtomicLong();
        vertx.eventBus().<CertificateEnvelope>consumer(BusAddresses.CERTIFICATES, m -> published.incrementAndGet());
        LapsingAssignment assignment = new LapsingAssignment();
        CountingProgress progress = new CountingProgress();
        WatcherConfig config = TestConfigs.fast(simulator.logListUrl(), dataDir, Duration.ofSeconds(2))
                .cluster(c -> c.rebalanceInterval(Duration.ofMillis(200))).build();
        WatcherVerticle watcher = new WatcherVerticle(config, progress, new WatcherMetrics(), "lapse-test", assignment);
        await(vertx.deployVerticle(watcher));
        Wait.until("the watcher publishing from both logs",
                () -> published.get() >= 50 && await(watcher.statuses()).size() == 2);

        assignment.lapse();
        Wait.until("every follower stopped after the lapse", () -> await(watcher.statuses()).isEmpty());
        long publishedAtLapse = published.get();
        int savesAtLapse = progress.saves.get();
        int askedAtLapse = assignment.asked.get();
        Map<String, Long> sizeAtLapse = new HashMap<>();
        simulator.logs().forEach(log -> sizeAtLapse.put(log.url(), log.publishedSize()));
        // Give it every chance to misbehave, and see that it had them: the logs grow by 40 entries each and
        // three rebalance ticks ask which logs to follow.
        Wait.until("the logs growing and rebalance ticks coming after the lapse", () -> assignment.asked.get() >= askedAtLapse + 3
                && simulator.logs().stream().allMatch(log -> log.publishedSize() >= sizeAtLapse.get(log.url()) + 40));
        assertEquals(publishedAtLapse, published.get(), "certificates published after the lapse");
        assertEquals(savesAtLapse, progress.saves.get(), "progress recorded after the lapse");
        assertEquals(1, progress.discards.get(), "unsaved progress dropped once");
        assertTrue(await(watcher.statuses()).isEmpty(), "followers running after the lapse");
    }
}
