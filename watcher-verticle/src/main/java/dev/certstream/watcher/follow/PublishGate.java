package dev.certstream.watcher.follow;

import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Back-pressure from the consumers in this JVM: while they are too far behind (tasks waiting on a gateway
 * instance's event loop), the followers hold their next envelopes and stop fetching; the logs keep the
 * entries, so nothing is lost, where publishing on would only make the gateway shed them. The event bus
 * itself has none, so without a local consumer to watch (clustered watchers) the gate never closes.
 * Used on the watcher's event loop only; the counters are read from anywhere.
 */
public final class PublishGate {

    /** How often a held gate looks at the backlog again: a gateway drains a thousand tasks in a few ms. */
    static final long POLL_MS = 5;

    private final Vertx vertx;
    private final IntSupplier backlog;
    private final int holdAbove;
    private final int resumeAt;
    private final List<Runnable> waiting = new ArrayList<>();
    private final AtomicLong holds = new AtomicLong();
    private final AtomicLong heldNanos = new AtomicLong();
    private boolean held;
    private long heldSince;
    private long timer = -1;

    /**
     * @param backlog   tasks waiting on the most loaded local consumer's event loop
     * @param holdAbove the gate closes past this many
     * @param resumeAt  and opens again at or below this many (below {@code holdAbove}, so it does not flap)
     */
    public PublishGate(Vertx vertx, IntSupplier backlog, int holdAbove, int resumeAt) {
        if (resumeAt < 0 || resumeAt >= holdAbove) {
            throw new IllegalArgumentException("resumeAt must be in [0, holdAbove): " + resumeAt + ", " + holdAbove);
        }
        this.vertx = vertx;
        this.backlog = backlog;
        this.holdAbove = holdAbove;
        this.resumeAt = resumeAt;
    }

    /** A gate that never closes: no consumer in this JVM to wait for. */
    public static PublishGate alwaysOpen(Vertx vertx) {
        return new PublishGate(vertx, () -> 0, Integer.MAX_VALUE, 0);
    }

    /** Whether the next envelope may go out now; asked before each one, so a burst stops at the bound. */
    boolean open() {
        int tasks = backlog.getAsInt();
        if (!held && tasks > holdAbove) {
            held = true;
            heldSince = System.nanoTime();
            holds.incrementAndGet();
        } else if (held && tasks <= resumeAt) {
            held = false;
            heldNanos.addAndGet(System.nanoTime() - heldSince);
        }
        return !held;
    }

    /** Whether the gate is holding now (as of the last look). */
    boolean holding() {
        return held;
    }

    /** Runs {@code retry} once the gate has opened again (a follower then publishes and fetches on). */
    void whenOpen(Runnable retry) {
        waiting.add(retry);
        if (timer < 0) {
            timer = vertx.setTimer(POLL_MS, t -> poll());
        }
    }

    private void poll() {
        timer = -1;
        if (!open()) {
            timer = vertx.setTimer(POLL_MS, t -> poll());
            return;
        }
        List<Runnable> ready = new ArrayList<>(waiting);
        waiting.clear();
        // Each may close the gate again with its own burst; the others then wait for the next opening.
        for (Runnable retry : ready) {
            if (held) {
                whenOpen(retry);
            } else {
                retry.run();
            }
        }
    }

    /** Times the gate closed. */
    public long holds() {
        return holds.get();
    }

    /** Milliseconds the gate was closed in all (the current hold not yet included). */
    public long heldMillis() {
        return heldNanos.get() / 1_000_000;
    }
}
