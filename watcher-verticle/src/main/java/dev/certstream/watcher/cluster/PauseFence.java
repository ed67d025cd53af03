package dev.certstream.watcher.cluster;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Notices that this watcher stood still (the process stopped, frozen, or in a very long GC pause) for so
 * long that the cluster may have removed it and handed its logs to another watcher: what it fetched before
 * is then no longer its to publish. A local timer ticks; a tick or a publish that finds the last tick
 * older than the limit lapses the fence, once, until it is resumed. Only its event loop calls it.
 */
public final class PauseFence {

    private final long limitNanos;
    private final LongSupplier clock;
    private final Runnable onLapse;
    private long lastTick;
    private boolean lapsed;
    private long lapsedForNanos;

    /**
     * @param limit   the longest standstill after which this watcher still surely owns its logs
     * @param clock   monotonic nanoseconds ({@code System::nanoTime})
     * @param onLapse what to do, once, when the fence lapses
     */
    PauseFence(Duration limit, LongSupplier clock, Runnable onLapse) {
        this.limitNanos = limit.toNanos();
        this.clock = clock;
        this.onLapse = onLapse;
        this.lastTick = clock.getAsLong();
    }

    /** Called by a periodic timer well within the limit. */
    void tick() {
        long now = clock.getAsLong();
        check(now);
        lastTick = now;
    }

    /** Whether what was fetched may be published now; false from the moment of a lapse until resumed. */
    boolean allowsPublishing() {
        check(clock.getAsLong());
        return !lapsed;
    }

    boolean lapsed() {
        return lapsed;
    }

    /** How long the standstill that lapsed the fence lasted. */
    Duration lapsedFor() {
        return Duration.ofNanos(lapsedForNanos);
    }

    /** Publishing may go on again (ownership was established afresh). */
    void resume() {
        lapsed = false;
        lastTick = clock.getAsLong();
    }

    private void check(long now) {
        if (!lapsed && now - lastTick > limitNanos) {
            lapsed = true;
            lapsedForNanos = now - lastTick;
            onLapse.run();
        }
    }
}
