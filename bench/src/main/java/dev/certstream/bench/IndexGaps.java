package dev.certstream.bench;

/**
 * One client's view of per-log {@code cert_index} continuity: for each log (by the hash of its URL) the
 * next index expected, so skipped indices (server-side drops) and repeats are counted without allocating.
 * Open addressing over fixed arrays; logs past {@code capacity} are not tracked but counted. Owned by one
 * event loop.
 */
public final class IndexGaps {

    private static final long EMPTY = MessageScanner.NOT_FOUND;

    private final long[] keys;
    private final long[] nextIndex;
    private int tracked;
    private long missing;
    private long repeated;
    private long untracked;

    /** {@code capacity}: logs tracked per client, a power of two; real deployments follow about 100 logs. */
    public IndexGaps(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        keys = new long[capacity];
        nextIndex = new long[capacity];
        java.util.Arrays.fill(keys, EMPTY);
    }

    /** Records that entry {@code index} of log {@code logKey} arrived; unknown keys or indices are ignored. */
    public void arrived(long logKey, long index) {
        if (logKey == EMPTY || index == MessageScanner.NOT_FOUND) {
            return;
        }
        int mask = keys.length - 1;
        int slot = (int) (mix(logKey) & mask);
        for (int probes = 0; probes < keys.length; probes++, slot = (slot + 1) & mask) {
            if (keys[slot] == logKey) {
                long expected = nextIndex[slot];
                if (index > expected) {
                    missing += index - expected;
                } else if (index < expected) {
                    repeated++;
                }
                nextIndex[slot] = Math.max(expected, index + 1);
                return;
            }
            if (keys[slot] == EMPTY) {
                // Half full at most, so probes stay short; past that a log is counted, not tracked.
                if (tracked * 2 >= keys.length) {
                    untracked++;
                    return;
                }
                keys[slot] = logKey;
                nextIndex[slot] = index + 1;
                tracked++;
                return;
            }
        }
        untracked++;
    }

    /** Indices skipped between consecutive arrivals of the same log. */
    public long missing() {
        return missing;
    }

    /** Arrivals at or below an index already seen (out of order or duplicated). */
    public long repeated() {
        return repeated;
    }

    /** Arrivals of logs beyond the tracking capacity. */
    public long untracked() {
        return untracked;
    }

    /** Forgets the counts (not the positions), so a measurement window starts at zero. */
    public void resetCounts() {
        missing = 0;
        repeated = 0;
        untracked = 0;
    }

    private static long mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        return key ^ (key >>> 33);
    }
}
