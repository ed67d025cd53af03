package dev.certstream.watcher.follow;

import java.time.Duration;

/**
 * When to read one log's head next, counted from when the last read was sent. A growing log is read
 * about every {@code interval}, locked onto the moment the log publishes: now and then a read goes out a
 * quarter interval early, and a read that finds nothing new right after a growing one is repeated a
 * quarter interval later, so a new head is found within a quarter interval of its publication. A log
 * that stays quiet for {@code quietPolls} reads is read at doubling intervals up to {@code quietMax},
 * and at the full rate again as soon as it grows. Not thread-safe: one follower owns it.
 */
final class HeadSchedule {

    /** Reads that find nothing, right after a growing one, that are repeated a quarter interval later. */
    static final int CHASES = 2;
    /** Every this many growing reads, the next one goes out a quarter interval early to find the phase again. */
    static final int PROBE_EVERY = 4;

    private final long intervalMs;
    private final long stepMs;
    private final int quietPolls;
    private final long quietMaxMs;
    private int empty;
    private int grown;

    HeadSchedule(Duration interval, int quietPolls, Duration quietMax) {
        this.intervalMs = Math.max(1, interval.toMillis());
        this.stepMs = Math.max(1, intervalMs / 4);
        this.quietPolls = Math.max(1, quietPolls);
        this.quietMaxMs = Math.max(intervalMs, quietMax.toMillis());
    }

    /** Records what a head read found and returns how long after it was sent the next one goes out. */
    long next(boolean grew) {
        if (grew) {
            empty = 0;
            // The first growth after a quiet spell, and every few after it, probe early for the phase.
            boolean probe = grown++ % PROBE_EVERY == 0;
            return probe ? intervalMs - stepMs : intervalMs;
        }
        empty++;
        if (grown > 0 && empty <= CHASES) {
            return stepMs; // the publication is due: it was seen a moment later than this read last time
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
