package dev.certstream.watcher.follow;

import java.util.Map;
import java.util.TreeMap;

/**
 * Decides which half-open entry range to request next for one log: ranges given back (failures, the
 * unread rest of a short page) first, lowest index first, then fresh ranges up to the tree size, never
 * crossing an alignment boundary (256 for tiles) and never longer than the batch size.
 */
final class RangePlanner {

    private final TreeMap<Long, Long> givenBack = new TreeMap<>();
    private long nextFresh;

    RangePlanner(long start) {
        this.nextFresh = start;
    }

    /** The next range to request, or null when everything below {@code treeSize} is requested. */
    EntryRange next(long treeSize, int batchSize, int alignment) {
        Map.Entry<Long, Long> back = givenBack.pollFirstEntry();
        if (back != null) {
            long end = clip(back.getKey(), back.getValue(), batchSize, alignment);
            if (end < back.getValue()) {
                givenBack.put(end, back.getValue());
            }
            return new EntryRange(back.getKey(), end);
        }
        if (nextFresh >= treeSize) {
            return null;
        }
        long end = clip(nextFresh, treeSize, batchSize, alignment);
        EntryRange range = new EntryRange(nextFresh, end);
        nextFresh = end;
        return range;
    }

    private static long clip(long start, long limit, int batchSize, int alignment) {
        long end = Math.min(limit, start + Math.max(1, batchSize));
        if (alignment > 1) {
            long boundary = (start / alignment + 1) * alignment;
            end = Math.min(end, boundary);
        }
        return end;
    }

    /** Puts a range back to be requested again (a failure, or what a short page did not return). */
    void giveBack(long start, long end) {
        if (end > start) {
            givenBack.merge(start, end, Math::max);
        }
    }

    /** Whether nothing is waiting to be requested below {@code treeSize}. */
    boolean exhausted(long treeSize) {
        return givenBack.isEmpty() && nextFresh >= treeSize;
    }

    /** The first index never requested. */
    long nextFresh() {
        return nextFresh;
    }
}
