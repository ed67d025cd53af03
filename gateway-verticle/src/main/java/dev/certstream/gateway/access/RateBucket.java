package dev.certstream.gateway.access;

/**
 * A token bucket for new streams: {@code perMinute} may come at once, then one every 60/perMinute
 * seconds. Thread-safe.
 */
final class RateBucket {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int capacity;
    private final long nanosPerToken;
    private double tokens;
    private long updatedNanos;

    RateBucket(int perMinute, long nowNanos) {
        this.capacity = perMinute;
        this.nanosPerToken = Math.max(1, MINUTE_NANOS / perMinute);
        this.tokens = perMinute;
        this.updatedNanos = nowNanos;
    }

    /** Takes one token: 0 when granted, else the nanoseconds until one will be there. */
    synchronized long take(long nowNanos) {
        tokens = Math.min(capacity, tokens + (double) (nowNanos - updatedNanos) / nanosPerToken);
        updatedNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * nanosPerToken);
    }
}
