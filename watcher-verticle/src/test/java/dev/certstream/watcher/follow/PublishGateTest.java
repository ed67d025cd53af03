package dev.certstream.watcher.follow;

import dev.certstream.testing.Wait;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishGateTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void closesPastTheBoundAndOpensOnlyWellBelowIt() {
        AtomicInteger backlog = new AtomicInteger();
        PublishGate gate = new PublishGate(vertx, backlog::get, 100, 50);
        assertTrue(gate.open());
        backlog.set(101);
        assertFalse(gate.open());
        backlog.set(60);
        assertFalse(gate.open(), "still above where it resumes: no flapping at the bound");
        backlog.set(50);
        assertTrue(gate.open());
        assertEquals(1, gate.holds());
    }

    @Test
    void runsWhatWaitedOnceTheBacklogDrained() throws Exception {
        AtomicInteger backlog = new AtomicInteger(500);
        AtomicInteger polls = new AtomicInteger();
        PublishGate gate = new PublishGate(vertx, () -> {
            polls.incrementAndGet();
            return backlog.get();
        }, 100, 50);
        CompletableFuture<Boolean> ran = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            assertFalse(gate.open());
            gate.whenOpen(() -> ran.complete(gate.open()));
        });
        Wait.until("the held gate looked at the backlog again a few times", () -> polls.get() >= 5);
        assertFalse(ran.isDone(), "nothing runs while the backlog stays above the bound");
        backlog.set(10);
        assertTrue(ran.get(), "run once the backlog was at or below 50, with the gate open");
        assertEquals(1, gate.holds());
    }

    @Test
    void aGateWithoutLocalConsumersNeverCloses() {
        PublishGate gate = PublishGate.alwaysOpen(vertx);
        for (int i = 0; i < 1000; i++) {
            assertTrue(gate.open());
        }
        assertEquals(0, gate.holds());
    }
}
