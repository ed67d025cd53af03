package dev.certstream.watcher.follow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a follower retries a range whose answer keeps failing to decode: a few times as it is, then (for a log
 * read entry by entry) one entry at a time from its start until the bad entry is found, which is skipped, so
 * that one bad entry cannot stall the log; a tile breaks at a fixed place, so its rest is skipped at once.
 */
final class DecodeRetries {

    private final int maxAttempts;
    private final Map<Long, Integer> failures = new HashMap<>();
    private long narrowAt = -1;

    DecodeRetries(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** Whether requests ask for one entry at a time now (a range is being narrowed to its bad entry). */
    boolean narrowing() {
        return narrowAt >= 0;
    }

    /** A range decoded: its failures are forgotten, and narrowing ends once the narrowed start decodes. */
    void succeeded(long start) {
        failures.remove(start);
        if (start == narrowAt) {
            narrowAt = -1;
        }
    }

    /**
     * A range failed to decode once more: null while it is still retried (as it is, or narrowed to single
     * entries when {@code entryByEntry}), else the entries given up on.
     */
    List<SkippedEntry> failed(EntryRange range, boolean entryByEntry, String lastError) {
        int count = failures.merge(range.start(), 1, Integer::sum);
        if (count < maxAttempts) {
            return null;
        }
        if (entryByEntry && range.length() > 1) {
            narrowAt = range.start();
            failures.put(range.start(), 0);
            return null;
        }
        failures.remove(range.start());
        List<SkippedEntry> skipped = new ArrayList<>();
        for (long i = range.start(); i < range.end(); i++) {
            skipped.add(new SkippedEntry(i, "unreadable after " + count + " attempts: " + lastError));
        }
        return skipped;
    }
}
