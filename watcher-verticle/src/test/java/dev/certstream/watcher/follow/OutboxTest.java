package dev.certstream.watcher.follow;

import dev.certstream.render.Renderings;
import dev.certstream.watcher.cluster.LogProgress;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;
import dev.certstream.testing.Wait;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches go out in index order, envelope by envelope while the gate lets them, their bytes given back as they go. */
class OutboxTest {

    private static final int BYTES = 100;

    private final Vertx vertx = Vertx.vertx();
    private final List<Long> published = new CopyOnWriteArrayList<>();
    private final List<Long> done = new CopyOnWriteArrayList<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final FetchBudget budget = new FetchBudget(1_000_000);

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private Outbox outbox(AtomicBoolean ours, Runnable onGateOpen) {
        // The gate closes past 2 waiting tasks: every published envelope counts as one until the test drains them.
        PublishGate gate = new PublishGate(vertx, backlog::get, 2, 0);
        PublishPath path = new PublishPath(envelope -> {
            published.add(envelope.index());
            backlog.incrementAndGet();
        }, ours::get, gate, budget);
        return new Outbox(path, (batch, progress) -> {
            assertEquals(batch.end(), progress.nextIndex(), "the progress handed over with the batch is recorded");
            done.add(batch.start());
        }, onGateOpen);
    }

    /** Starts the outbox at {@code next}, its batches going straight back to it as verification would. */
    private static void start(Outbox outbox, long next) {
        outbox.startAt(next, batch -> outbox.publish(batch, LogProgress.at(batch.end())));
    }

    /** What each test envelope is a slice of: only its count matters here. */
    private static final Renderings RENDERINGS = new Renderings(
            ("{\"v\":false}" + " ".repeat(BYTES - 31) + "{\"v\":false}    " + "[]   ").getBytes(StandardCharsets.US_ASCII),
            BYTES - 20, BYTES - 5, List.of(), null, null, new byte[32], 5, 5);

    private static RenderedBatch batch(long start, int count) {
        List<CertificateEnvelope> envelopes = new ArrayList<>();
        List<Renderings> renderings = new ArrayList<>();
        for (long i = start; i < start + count; i++) {
            envelopes.add(new CertificateEnvelope("https://log.example/", i, EntryType.X509, 0,
                    Buffer.buffer(new byte[BYTES - 20]), Buffer.buffer(new byte[15]), Buffer.buffer(new byte[5])));
            renderings.add(RENDERINGS);
        }
        return RenderedBatch.of(start, count, envelopes, renderings, List.of(), List.of());
    }

    /** Runs on the event loop, as the follower does, and waits until it ran (an assertion failing there fails the test). */
    private void onLoop(Runnable action) {
        CompletableFuture<Void> ran = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                action.run();
                ran.complete(null);
            } catch (Throwable e) {
                ran.completeExceptionally(e);
            }
        });
        try {
            ran.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aHeldGateStopsABatchHalfwayAndItsRestGoesOutOnceTheBacklogDrained() {
        AtomicInteger reopened = new AtomicInteger();
        Outbox outbox = outbox(new AtomicBoolean(true), reopened::incrementAndGet);
        onLoop(() -> {
            start(outbox, 10);
            assertTrue(outbox.reserve(new EntryRange(15, 20), 5 * BYTES, () -> { }));
            assertTrue(outbox.reserve(new EntryRange(10, 15), 5 * BYTES, () -> { }));
            outbox.complete(batch(15, 5), 5 * BYTES);
            assertEquals(List.of(), published, "15.. waits for 10..");
            outbox.complete(batch(10, 5), 5 * BYTES);
        });
        // 3 envelopes went out, then the backlog (3) passed the bound (2): the rest waits.
        assertEquals(List.of(10L, 11L, 12L), published);
        assertEquals(List.of(), done, "a batch is done only once all of it went");
        assertEquals(7 * BYTES, budget.used(), "what went out was given back");
        // The consumer catches up now and then: the rest goes out in bursts of three as the gate reopens.
        long consumer = vertx.setPeriodic(10, t -> backlog.set(0));
        Wait.until("everything went out", () -> done.size() == 2);
        vertx.cancelTimer(consumer);
        assertEquals(List.of(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L), published);
        assertEquals(List.of(10L, 15L), done);
        assertEquals(0, budget.used());
        assertTrue(reopened.get() >= 3, "the follower was told each time the gate opened: " + reopened);
    }

    @Test
    void aBatchNoLongerOursIsNeitherPublishedNorRecordedAndGivesItsBytesBack() {
        AtomicBoolean ours = new AtomicBoolean(false);
        Outbox outbox = outbox(ours, () -> { });
        onLoop(() -> {
            start(outbox, 0);
            assertTrue(outbox.reserve(new EntryRange(0, 2), 2 * BYTES, () -> { }));
            outbox.complete(batch(0, 2), 2 * BYTES);
        });
        assertEquals(List.of(), published);
        assertEquals(List.of(), done);
        assertEquals(0, budget.used());
    }

    @Test
    void aStoppedOutboxGivesBackEverythingItHeld() {
        Outbox outbox = outbox(new AtomicBoolean(true), () -> { });
        onLoop(() -> {
            start(outbox, 0);
            assertTrue(outbox.reserve(new EntryRange(5, 10), 8 * BYTES, () -> { }));
            outbox.complete(batch(5, 5), 8 * BYTES);
            assertTrue(outbox.reserve(new EntryRange(10, 15), 5 * BYTES, () -> { }));
            assertEquals(10 * BYTES, budget.used(), "a batch waiting for 0..5 (its real size, not its estimate) and a request in flight");
            outbox.stop();
        });
        assertEquals(0, budget.used());
    }
}
