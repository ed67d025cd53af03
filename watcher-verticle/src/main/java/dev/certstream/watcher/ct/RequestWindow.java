package dev.certstream.watcher.ct;

/**
 * At most {@code limit} takes in any sliding window of {@code windowNanos}: a ring of the last
 * {@code limit} take times (so its memory is the limit's, at most {@code CERTSTREAM_OPERATOR_RATE} longs).
 * Unlike a token bucket it lets a burst through at once (one head read per log of an operator, all due at
 * the same moment) as long as the window holds room for it. Not thread-safe.
 */
final class RequestWindow {

    private final long[] times;
    private final long windowNanos;
    private int next;
    private int size;

    RequestWindow(int limit, long windowNanos) {
        if (limit < 1 || windowNanos < 1) {
            throw new IllegalArgumentException("limit and window must be positive: " + limit + ", " + windowNanos);
        }
        this.times = new long[limit];
        this.windowNanos = windowNanos;
    }

    /** Takes a place if the window has one now. */
    boolean tryTake(long nowNanos) {
        if (nanosUntilFree(nowNanos) > 0) {
            return false;
        }
        times[next] = nowNanos;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
        return true;
    }

    /** How long until a place is free (0 when one is): when the oldest of the last {@code limit} takes leaves the window. */
    long nanosUntilFree(long nowNanos) {
        return size < times.length ? 0 : Math.max(0, times[next] + windowNanos - nowNanos);
    }

    /** Takes in the {@code spanNanos} before {@code nowNanos}. */
    int countWithin(long nowNanos, long spanNanos) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (nowNanos - times[i] < spanNanos) {
                count++;
            }
        }
        return count;
    }
}
