package dev.certstream.watcher.follow;

import java.util.HashMap;
import java.util.Map;

/**
 * One log's ranges whose answers keep failing to decode: after {@code maxRetries} failures an RFC 6962
 * range is narrowed to one entry at a time and a single entry (or a tile's rest, which breaks at a fixed
 * place) is skipped, so that one bad entry cannot stall the log. Its map holds only ranges failing now
 * (a success forgets them), at most the requests in flight. Not thread-safe: one follower owns it.
 */
final class UnreadableRanges {

    private final Map<Long, Integer> failures = new HashMap<>();
    private final int maxRetries;
    private final boolean narrowable;
    private long narrowAt = -1;

    /** @param narrowable whether a range may be asked for entry by entry (RFC 6962; not a tile) */
    UnreadableRanges(int maxRetries, boolean narrowable) {
        this.maxRetries = maxRetries;
        this.narrowable = narrowable;
    }

    /** Records one more decode failure; true when the range is to be skipped now rather than read again. */
    boolean skipAfterFailure(EntryRange range) {
        int failed = failures.merge(range.start(), 1, Integer::sum);
        if (failed < maxRetries) {
            return false;
        }
        if (narrowable && range.length() > 1) {
            narrowAt = range.start();
            failures.put(range.start(), 0);
            return false;
        }
        failures.remove(range.start());
        return true;
    }

    void succeeded(EntryRange range) {
        failures.remove(range.start());
        if (range.start() == narrowAt) {
            narrowAt = -1;
        }
    }

    /** Whether a range is being narrowed down to its bad entry (ask for one entry at a time meanwhile). */
    boolean narrowing() {
        return narrowAt >= 0;
    }

    int maxRetries() {
        return maxRetries;
    }
}
