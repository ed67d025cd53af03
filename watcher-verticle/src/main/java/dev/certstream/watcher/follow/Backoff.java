package dev.certstream.watcher.follow;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter for one log: each consecutive failure doubles the ceiling
 * (from {@code min} up to {@code max}) and the delay is drawn uniformly below it, so that many watchers
 * hitting the same operator do not retry in lockstep; a server's Retry-After is a floor.
 */
final class Backoff {

    private final long minMs;
    private final long maxMs;
    private int failures;

    Backoff(Duration min, Duration max) {
        this.minMs = Math.max(1, min.toMillis());
        this.maxMs = Math.max(minMs, max.toMillis());
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    long nextDelayMs(Duration retryAfter) {
        failures = Math.min(failures + 1, 62);
        long ceiling = ceilingMs();
        long jittered = minMs + (ceiling > minMs ? ThreadLocalRandom.current().nextLong(ceiling - minMs + 1) : 0);
        long floor = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), maxMs * 10);
        return Math.max(jittered, floor);
    }

    /** The current upper bound of the jittered delay. */
    long ceilingMs() {
        int shift = Math.min(failures - 1, 40);
        long ceiling = shift <= 0 ? minMs : minMs << shift;
        return ceiling <= 0 || ceiling > maxMs ? maxMs : ceiling;
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
