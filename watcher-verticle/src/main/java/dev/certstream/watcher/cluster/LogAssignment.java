package dev.certstream.watcher.cluster;

import dev.certstream.watcher.ct.LogSource;

import io.vertx.core.Future;

import java.util.Set;

/**
 * Which of the listed logs this watcher may follow now. A single watcher follows them all; clustered
 * watchers split them so that each log has exactly one follower at a time.
 */
@FunctionalInterface
public interface LogAssignment {

    /** Every listed log, for the single-JVM watcher. */
    LogAssignment ALL = Future::succeededFuture;

    /**
     * The listed logs this watcher may follow now; called on the watcher's event loop when the list
     * changes and on every rebalance tick. A log left out that this watcher follows is stopped and then
     * {@link #release released}.
     */
    Future<Set<LogSource>> owned(Set<LogSource> listed);

    /** Gives a log up after its follower stopped and its progress was saved. */
    default Future<Void> release(LogSource log) {
        return Future.succeededFuture();
    }

    /** Whether this watcher may still publish what it fetched; false once its ownership may have lapsed. */
    default boolean mayPublish() {
        return true;
    }

    /**
     * Registers what to do, on the watcher's event loop, when this watcher's ownership lapsed because it
     * stood still too long (the cluster may have handed its logs over): stop every follower, save nothing.
     */
    default void onLapse(Runnable stopEverything) {
    }

    /**
     * The logs this watcher holds in the cluster now (URL to when it took them, epoch ms), for its /stats;
     * empty where nothing is held (a single JVM follows every log without asking anyone).
     */
    default java.util.Map<String, Long> heldSince() {
        return java.util.Map.of();
    }

    /** Leaves: gives up everything still held. */
    default Future<Void> close() {
        return Future.succeededFuture();
    }
}
