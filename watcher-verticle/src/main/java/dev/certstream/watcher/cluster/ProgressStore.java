package dev.certstream.watcher.cluster;

import io.vertx.core.Future;

/**
 * Where each log's progress ({@link LogProgress}: the next index to publish, and the Merkle frontier and
 * last verified head that let verification continue) is kept across restarts: a file in single-JVM mode,
 * the cluster's shared data when watchers are clustered.
 */
public interface ProgressStore {

    /** The saved progress of a log, or null when the log was never followed. */
    Future<LogProgress> loadProgress(String logUrl);

    /** Records that everything below {@code progress.nextIndex()} has been published; persisted soon, not synchronously. */
    void save(String logUrl, LogProgress progress);

    /** The saved next index of a log, or null when the log was never followed. */
    default Future<Long> load(String logUrl) {
        return loadProgress(logUrl).map(p -> p == null ? null : p.nextIndex());
    }

    /** Records a next index without verification state. */
    default void save(String logUrl, long nextIndex) {
        save(logUrl, LogProgress.at(nextIndex));
    }

    /** Persists everything saved so far. */
    Future<Void> flush();

    /**
     * Forgets what was saved but not yet persisted: after this watcher stood still, what it published
     * just before may never have arrived, and its next owner must publish it again.
     */
    default void discardUnsaved() {
    }
}
