package dev.certstream.watcher.cluster;

import io.vertx.core.Future;

/**
 * Where each log's next index to publish is kept across restarts: a file in single-JVM mode, the
 * cluster's shared data when watchers are clustered.
 */
public interface ProgressStore {

    /** The saved next index of a log, or null when the log was never followed. */
    Future<Long> load(String logUrl);

    /** Records that everything below {@code nextIndex} has been published; persisted soon, not synchronously. */
    void save(String logUrl, long nextIndex);

    /** Persists everything saved so far. */
    Future<Void> flush();

    /**
     * Forgets what was saved but not yet persisted: after this watcher stood still, what it published
     * just before may never have arrived, and its next owner must publish it again.
     */
    default void discardUnsaved() {
    }
}
