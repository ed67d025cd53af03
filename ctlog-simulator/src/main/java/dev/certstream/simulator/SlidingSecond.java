package dev.certstream.simulator;

/**
 * Counts events in the last second and remembers the most ever seen in one second (the "max over
 * sliding 1 s windows" of a request rate). Times are milliseconds on any monotonic clock; a circular
 * array that grows with the rate, so recording allocates nothing in the steady state. Not thread-safe.
 */
final class SlidingSecond {

    private static final long WINDOW_MS = 1000;

    private long[] times = new long[16];
    private int head;
    private int size;
    private int max;

    /** Records one event at {@code nowMs} and returns how many fell in the second ending now. */
    int record(long nowMs) {
        expire(nowMs);
        if (size == times.length) {
            long[] bigger = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = times[(head + i) % times.length];
            }
            times = bigger;
            head = 0;
        }
        times[(head + size) % times.length] = nowMs;
        size++;
        max = Math.max(max, size);
        return size;
    }

    /** Events in the second ending at {@code nowMs}, without recording one. */
    int count(long nowMs) {
        expire(nowMs);
        return size;
    }

    /** The most events seen in any one-second window. */
    int max() {
        return max;
    }

    private void expire(long nowMs) {
        while (size > 0 && times[head] <= nowMs - WINDOW_MS) {
            head = (head + 1) % times.length;
            size--;
        }
    }
}
