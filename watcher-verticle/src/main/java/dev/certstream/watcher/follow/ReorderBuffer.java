package dev.certstream.watcher.follow;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Holds batches that completed out of order until every earlier index has completed, so that a log's
 * certificates are published strictly in index order; its size is bounded by the requests in flight.
 */
final class ReorderBuffer {

    private final TreeMap<Long, RenderedBatch> done = new TreeMap<>();
    private long nextToRelease;

    ReorderBuffer(long start) {
        this.nextToRelease = start;
    }

    void complete(RenderedBatch batch) {
        if (batch.count() > 0) {
            done.put(batch.start(), batch);
        }
    }

    /** The batches that now continue the published sequence, in order. */
    List<RenderedBatch> releasable() {
        List<RenderedBatch> ready = new ArrayList<>();
        RenderedBatch next;
        while ((next = done.remove(nextToRelease)) != null) {
            ready.add(next);
            nextToRelease = next.start() + next.count();
        }
        return ready;
    }

    long nextToRelease() {
        return nextToRelease;
    }

    int pending() {
        return done.size();
    }
}
