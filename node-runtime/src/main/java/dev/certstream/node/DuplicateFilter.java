package dev.certstream.node;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops a certificate whose (log, index) a receiver has already seen: after a watcher takeover the new
 * owner resumes from the last saved progress and re-publishes what the old owner published, and a watcher
 * split off the cluster for a while may publish a log's entries beside its real owner. Each log keeps a
 * window of the most recent indices as a bitmap, so an index is new unless it was seen (or is older than
 * the whole window): entries arriving out of order, or ahead of their owner, never make the owner's
 * certificates look like duplicates. Not thread-safe (one per verticle); memory is bounded by
 * {@code maxLogs} windows of {@link #WINDOW} bits (8 KiB each).
 */
public final class DuplicateFilter {

    /** Indices remembered per log: minutes of even the busiest log, far more than any re-publication. */
    public static final int WINDOW = 1 << 16;
    private static final int WORDS = WINDOW / 64;

    private final Map<String, Window> windows;

    /** @param maxLogs how many logs to remember; the least recently seen is forgotten beyond it */
    public DuplicateFilter(int maxLogs) {
        if (maxLogs < 1) {
            throw new IllegalArgumentException("maxLogs must be positive: " + maxLogs);
        }
        this.windows = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxLogs;
            }
        };
    }

    /** Whether this (log, index) is new; records it if so. */
    public boolean firstTime(String logUrl, long index) {
        if (index < 0) {
            return false;
        }
        return windows.computeIfAbsent(logUrl, url -> new Window(index)).add(index);
    }

    /**
     * Marks every index of a log up to {@code highest} (as far as the window reaches) as seen: a replica
     * restored from a snapshot knows its peer's highest index per log, not the peer's whole window.
     */
    public void markSeenUpTo(String logUrl, long highest) {
        if (highest < 0) {
            return;
        }
        Window window = windows.computeIfAbsent(logUrl, url -> new Window(highest));
        for (long i = Math.max(window.base, highest - WINDOW + 1); i <= highest; i++) {
            window.add(i);
        }
    }

    /** The highest index seen for a log, or -1 (what a broker snapshot keeps). */
    public long highest(String logUrl) {
        Window window = windows.get(logUrl);
        return window == null ? -1 : window.highest;
    }

    /**
     * A sliding bitmap over [base, base + WINDOW), its words addressed by absolute index so that sliding
     * only clears the words that leave; base stays a multiple of 64 so no stale bit survives a slide.
     */
    private static final class Window {
        private final long[] bits = new long[WORDS];
        private long base;
        private long highest = -1;

        Window(long first) {
            this.base = Math.max(0, first - WINDOW / 2) & ~63L;
        }

        boolean add(long index) {
            if (index < base) {
                return false;
            }
            if (index >= base + WINDOW) {
                slideTo((index - WINDOW + 1 + 63) & ~63L);
            }
            int word = (int) ((index >>> 6) & (WORDS - 1));
            long mask = 1L << (index & 63);
            if ((bits[word] & mask) != 0) {
                return false;
            }
            bits[word] |= mask;
            highest = Math.max(highest, index);
            return true;
        }

        private void slideTo(long newBase) {
            long from = base >>> 6;
            long to = newBase >>> 6;
            if (to - from >= WORDS) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long w = from; w < to; w++) {
                    bits[(int) (w & (WORDS - 1))] = 0L;
                }
            }
            base = newBase;
        }
    }
}
