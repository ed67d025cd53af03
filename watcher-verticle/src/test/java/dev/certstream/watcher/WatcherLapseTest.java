package dev.certstream.watcher;

import dev.certstream.watcher.cluster.LogAssignment;
import dev.certstream.watcher.cluster.PauseFence;
import dev.certstream.watcher.cluster.ProgressStore;
import dev.certstream.watcher.ct.LogSource;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.SimulatorConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A watcher whose ownership lapsed (it stood still too long, see {@link PauseFence}) stops every follower at
 * once, publishes nothing more, records no more progress and drops what it had not persisted yet.
 */
class WatcherLapseTest {

    private Vertx vertx;
    private CtLogSimulator simulator;

    @TempDir
    Path dataDir;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = await(CtLogSimulator.start(vertx, SimulatorConfig.builder()
                .rfc6962Logs(1).tiledLogs(1).initialSize(500).growthPerSecond(40).poolSize(16).seed(5)
                .checkpointPeriod(Duration.ofMillis(200)).build()));
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
    }


    /** Owns every listed log until told that its ownership lapsed. */
    private static final class LapsingAssignment implements LogAssignment {
        volatile boolean lapsed;
        private Runnable stopEverything;
        private Context context;

        @Override
        public Future<Set<LogSource>> owned(Set<LogSource> listed) {
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
        public Future<Long> load(String logUrl) {
            return Future.succeededFuture(null);
        }

        @Override
        public void save(String logUrl, long nextIndex) {
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
                .rebalanceInterval(Duration.ofMillis(200)).build();
        WatcherVerticle watcher = new WatcherVerticle(config, progress, new WatcherMetrics(), "lapse-test", assignment);
        await(vertx.deployVerticle(watcher));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (published.get() < 50 || await(watcher.statuses()).size() < 2) {
            if (System.nanoTime() > deadline) {
                fail("the watcher never got going: " + published.get() + " published");
            }
            Thread.sleep(50);
        }

        assignment.lapse();
        long stopDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!await(watcher.statuses()).isEmpty()) {
            if (System.nanoTime() > stopDeadline) {
                fail("followers still running after the lapse: " + await(watcher.statuses()));
            }
            Thread.sleep(20);
        }
        long publishedAtLapse = published.get();
        int savesAtLapse = progress.saves.get();
        // The logs keep growing (40 entries/s each) and rebalance ticks keep coming: nothing may follow.
        Thread.sleep(2000);
        assertEquals(publishedAtLapse, published.get(), "certificates published after the lapse");
        assertEquals(savesAtLapse, progress.saves.get(), "progress recorded after the lapse");
        assertEquals(1, progress.discards.get(), "unsaved progress dropped once");
        assertTrue(await(watcher.statuses()).isEmpty(), "followers running after the lapse");
    }
}
