package dev.certstream.watcher.ct;

/**
 * A token bucket on a nanosecond clock: {@code ratePerSecond} tokens a second up to {@code capacity}, so
 * that no one-second window ever holds more than {@code rate + capacity} takes. Not thread-safe.
 */
final class TokenBucket {

    private static final double NANOS = 1e9;

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long refilledAt;

    TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        if (!(ratePerSecond > 0) || !(capacity >= 1)) {
            throw new IllegalArgumentException("rate must be > 0 and capacity >= 1: " + ratePerSecond + ", " + capacity);
        }
        this.ratePerNano = ratePerSecond / NANOS;
        this.capacity = capacity;
        this.tokens = 1; // a start takes one request at once, not a full bucket's burst
        this.refilledAt = nowNanos;
    }

    /** Takes a token if one is there. */
    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until a token is there (0 when one is). */
    long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    private void refill(long nowNanos) {
        if (nowNanos > refilledAt) {
            tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) * ratePerNano);
            refilledAt = nowNanos;
        }
    }
}
