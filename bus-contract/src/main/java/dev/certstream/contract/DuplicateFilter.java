package dev.certstream.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops a certificate whose (log, index) a receiver has already passed: after a watcher takeover the
 * new owner resumes from the last saved progress and may publish again what the old owner published.
 * Indices of one log increase, so a high-water mark per log is enough; not thread-safe (one per verticle).
 */
public final class DuplicateFilter {

    private final Map<String, Long> highestIndexByLog;

    /** @param maxLogs how many logs to remember; the least recently seen is forgotten beyond it */
    public DuplicateFilter(int maxLogs) {
        if (maxLogs < 1) {
            throw new IllegalArgumentException("maxLogs must be positive: " + maxLogs);
        }
        this.highestIndexByLog = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxLogs;
            }
        };
    }

    /** Whether this (log, index) is new; records it if so. */
    public boolean firstTime(String logUrl, long index) {
        Long highest = highestIndexByLog.get(logUrl);
        if (highest != null && index <= highest) {
            return false;
        }
        highestIndexByLog.put(logUrl, index);
        return true;
    }
}
