package dev.certstream.bench;

import java.time.Instant;

/**
 * Wall-clock time in microseconds, comparable with a certstream {@code seen} stamped by another process
 * on this machine: one {@link Instant} read (microsecond precision on Linux) at start, then the monotonic
 * clock, so each reading costs a {@code nanoTime} and no allocation.
 */
public final class WallClock {

    private static final long BASE_NANOS;
    private static final long BASE_MICROS;

    static {
        Instant now = Instant.now();
        BASE_NANOS = System.nanoTime();
        BASE_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private WallClock() {
    }

    public static long nowMicros() {
        return BASE_MICROS + (System.nanoTime() - BASE_NANOS) / 1_000;
    }
}
