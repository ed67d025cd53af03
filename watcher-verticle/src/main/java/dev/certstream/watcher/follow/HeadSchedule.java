package dev.certstream.watcher.follow;

import java.time.Duration;

/**
 * When to read one log's head next, counted from when the last read was due. A growing log is read about
 * every {@code interval}, locked onto the moment the log publishes: every few publications a read goes out
 * early (a probe), and a read that finds nothing new right after a growing one is repeated a step (an
 * eighth of the interval) later. A probe that finds the new head moves the cadence earlier and is followed
 * by one twice as early (up to half the interval); one that misses is followed at once by a read where
 * the head was last found, and the next probe goes half as early. So the reads close in on the
 * publication moment to within a {@code 1/64} of the interval, at about {@code 1 + 1/PROBE_EVERY} reads
 * per publication. A log that stays quiet for {@code quietPolls}
 * reads is read at doubling intervals up to {@code quietMax}, and at the full rate again as soon as it
 * grows. Not thread-safe: one follower owns it.
 */
final class HeadSchedule {

    /** Reads that find nothing, right after a growing one, that are repeated a step later. */
    static final int CHASES = 2;
    /** Every this many growing reads, the next one goes out early to find the phase again. */
    static final int PROBE_EVERY = 4;
    /**
     * Steps per interval: how far a read that missed the publication is repeated, and how early the first
     * probe goes. Reads found a head within a step after its publication; with a quarter interval (250 ms at
     * 1 s) that step was the largest part of what the watcher added to freshness, so probes now halve it.
     */
    static final int STEPS = 8;
    /** The earliest probe is this fraction of the interval: below it, timer and network jitter dominate. */
    static final int FINEST = 64;

    private final long intervalMs;
    private final long stepMs;
    private final long finestMs;
    private final int quietPolls;
    private final long quietMaxMs;
    private long probeMs;
    private boolean probing;
    private int empty;
    private int grown;

    HeadSchedule(Duration interval, int quietPolls, Duration quietMax) {
        this.intervalMs = Math.max(1, interval.toMillis());
        this.stepMs = Math.max(1, intervalMs / STEPS);
        this.finestMs = Math.max(1, intervalMs / FINEST);
        this.probeMs = stepMs;
        this.quietPolls = Math.max(1, quietPolls);
        this.quietMaxMs = Math.max(intervalMs, quietMax.toMillis());
    }

    /** Records what a head read found and returns how long after it was due the next one goes out. */
    long next(boolean grew) {
        boolean wasProbe = probing;
        probing = false;
        if (grew) {
            empty = 0;
            boolean probe = grown++ % PROBE_EVERY == 0;
            if (wasProbe && probeMs < intervalMs / 2) {
                // The head was out before the probe: the reads may be far behind the publication, so look
                // twice as early at once (a lock from anywhere in the interval takes a few publications).
                probeMs = Math.min(intervalMs / 2, probeMs * 2);
                probe = true;
            }
            if (probe) {
                probing = true;
                return intervalMs - probeMs;
            }
            return intervalMs;
        }
        empty++;
        if (wasProbe) {
            // Too early: read again where the head was found last time, and probe less early from now on.
            long back = probeMs;
            probeMs = Math.max(finestMs, probeMs / 2);
            return back;
        }
        if (grown > 0 && empty <= CHASES) {
            probeMs = stepMs; // the publication came later than the lock: find it again from a step
            return stepMs;
        }
        if (empty <= quietPolls) {
            return intervalMs;
        }
        grown = 0;
        int doublings = Math.min(30, empty - quietPolls);
        return Math.min(quietMaxMs, intervalMs << doublings);
    }

    /** Head reads in a row that found nothing new. */
    int quietReads() {
        return empty;
    }
}
