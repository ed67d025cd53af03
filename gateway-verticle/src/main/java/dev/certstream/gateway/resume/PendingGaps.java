package dev.certstream.gateway.resume;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Certificates dropped from one client's queue and not told yet, one index range per log. The queue drops
 * oldest first and a log's entries sit in it in index order, so the dropped entries of one log between two
 * writes to the client are one range in which the client got no matching certificate: it is told before
 * anything else written after them. At most one range per log. Not thread-safe: the client's event loop.
 */
public final class PendingGaps {

    private final Map<String, long[]> ranges = new LinkedHashMap<>();

    /** A certificate of this log and index was dropped. */
    public void dropped(String logUrl, long index) {
        long[] range = ranges.get(logUrl);
        if (range == null) {
            ranges.put(logUrl, new long[] {index, index, 1});
        } else {
            range[0] = Math.min(range[0], index);
            range[1] = Math.max(range[1], index);
            range[2]++;
        }
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** One range: a log, its first and last index, and how many of its messages were dropped. */
    public interface Sink {
        void gap(String logUrl, long from, long to, long messages);
    }

    /** Hands each pending range to {@code sink} and forgets them. */
    public void drain(Sink sink) {
        for (Map.Entry<String, long[]> range : ranges.entrySet()) {
            long[] r = range.getValue();
            sink.gap(range.getKey(), r[0], r[1], r[2]);
        }
        ranges.clear();
    }

    public void clear() {
        ranges.clear();
    }
}
