package dev.certstream.watcher.cluster;

import dev.certstream.node.ClusterView;
import dev.certstream.node.CutOffDetector;
import dev.certstream.watcher.ct.LogSource;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.spi.cluster.ClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Splits the logs between clustered watchers. Watchers register themselves in a shared map (with a
 * time-to-live, refreshed every tick); rendezvous hashing over the live ones names each log's preferred
 * owner; a cluster lock per log makes the ownership exclusive. Hazelcast releases a dead member's locks,
 * so a survivor takes its logs over on the next tick, resuming from the progress in the cluster. A watcher
 * that stood still for nearly the cluster's failure timeout ({@link PauseFence}) must assume it was removed
 * and its logs taken over: it publishes nothing more, gives its locks up and follows nothing for a while,
 * until its Hazelcast member has caught up with the cluster's view (alone, merged back, or still a member).
 * A watcher whose side of a split lacks the quorum follows nothing and gives its locks up (the other side
 * takes its logs over); one whose member is merged into another cluster lost its locks with its side's
 * data, so it stops at once and takes logs anew, never unlocking what may now be another watcher's.
 */
public final class ClusterAssignment implements LogAssignment {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterAssignment.class);
    static final String WATCHERS_MAP = "certstream.watchers";
    static final String LOCK_PREFIX = "certstream.log:";

    private final Vertx vertx;
    private final ClusterManager cluster;
    private final long callTimeoutMs;
    private final long registrationTtlMs;
    private final Map<String, Lock> held = new HashMap<>();
    /** When each held lock was taken (epoch ms), for /stats. */
    private final Map<String, Long> heldSince = new HashMap<>();
    private final String self;
    private final ClusterView view;
    /** The merges of this member already accounted for: another one means every lock held here is gone. */
    private long mergesSeen;
    private AsyncMap<String, Long> watchers;
    /** The longest standstill after which the cluster surely still counts this watcher as a member. */
    private final Duration standstillLimit;
    /** How long a watcher that stood still follows nothing: its member's view of the cluster catches up. */
    private final long quarantineNanos;
    private PauseFence fence;
    private long fenceTimer = -1;
    private long quarantineEnds;

    /**
     * @param registrationTtl how long this watcher's registration outlives its last refresh (a dead
     *                        watcher also leaves the cluster's member list, which counts first)
     * @param failureTimeout  how long the cluster waits for a silent member before removing it
     */
    public ClusterAssignment(Vertx vertx, ClusterManager cluster, ClusterView view, Duration callTimeout,
                             Duration registrationTtl, Duration failureTimeout) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.view = view;
        this.mergesSeen = view.merges();
        this.self = cluster.getNodeId();
        this.callTimeoutMs = callTimeout.toMillis();
        this.registrationTtlMs = registrationTtl.toMillis();
        // Heartbeats go every second, so a member can be suspected up to a second before the full timeout
        // after its last one; two more seconds of margin, and never below one second.
        Duration limit = failureTimeout.minusSeconds(3);
        this.standstillLimit = limit.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : limit;
        this.quarantineNanos = failureTimeout.plus(registrationTtl).toNanos();
    }

    @Override
    public void onLapse(Runnable stopEverything) {
        fence = new PauseFence(standstillLimit, System::nanoTime, () -> {
            LOG.warn("stood still for {} ms (limit {} ms): giving up {} logs and following none for {} s",
                    fence.lapsedFor().toMillis(), standstillLimit.toMillis(), held.size(), quarantineNanos / 1_000_000_000);
            quarantineEnds = System.nanoTime() + quarantineNanos;
            stopEverything.run();
            held.forEach((log, lock) -> {
                lock.release();
                LOG.info("given up after standing still: {}", log);
            });
            held.clear();
            heldSince.clear();
        });
        // Ticks on the caller's (the watcher's) event loop, whose standstill is what matters.
        fenceTimer = vertx.setPeriodic(Math.max(100, standstillLimit.toMillis() / 7), t -> fence.tick());
    }

    @Override
    public boolean mayPublish() {
        return (fence == null || fence.allowsPublishing()) && view.mayWork() && view.merges() == mergesSeen;
    }

    @Override
    public Future<Set<LogSource>> owned(Set<LogSource> listed) {
        if (fence != null && fence.lapsed()) {
            if (System.nanoTime() - quarantineEnds < 0) {
                return Future.succeededFuture(Set.of());
            }
            LOG.info("following logs again after standing still");
            fence.resume();
        }
        if (view.merging() || view.merges() != mergesSeen) {
            // Merged into another cluster: the locks held here went with this side's data. Forget them without
            // unlocking (the lock may be another watcher's by now); the next ticks take logs anew.
            if (!held.isEmpty()) {
                LOG.warn("merged into another cluster after a split: the {} locks held here are gone; taking logs anew",
                        held.size());
            }
            held.clear();
            heldSince.clear();
            mergesSeen = view.merges();
            return Future.succeededFuture(Set.of());
        }
        CutOffDetector cutOff = view.cutOff();
        long cutOffsBefore = cutOff.cutOffs();
        if (cutOff.check()) {
            // Alone after having had peers: this watcher was cut off (frozen, partitioned). Its half of the
            // cluster data lacks the others' progress and locks, so it follows nothing until it is merged
            // back; the rest of the cluster took its logs over.
            if (!held.isEmpty() || cutOff.cutOffs() != cutOffsBefore) {
                LOG.warn("cut off from the cluster: following no log until it is whole again");
            }
            return Future.succeededFuture(Set.of());
        }
        if (!view.quorum().quorate()) {
            // The other side of a split holds the quorum and follows every log: this one follows none.
            if (!held.isEmpty()) {
                LOG.warn("no quorum on this side of the cluster: following no log until it is back");
            }
            return Future.succeededFuture(Set.of());
        }
        // Right after a merge or a quorum regained, members merged in may not be subscribed again yet: what is
        // published now would pass them by, so keep what is held and take nothing new until it has settled.
        boolean settling = view.settling();
        return register().compose(v -> liveWatchers()).compose(live -> {
            Set<LogSource> desired = new LinkedHashSet<>();
            for (LogSource log : listed) {
                if (self.equals(RendezvousHash.owner(log.url(), live)) && (!settling || held.containsKey(log.url()))) {
                    desired.add(log);
                }
            }
            return acquire(desired).map(acquired -> {
                Set<LogSource> owned = new LinkedHashSet<>();
                for (LogSource log : desired) {
                    if (held.containsKey(log.url())) {
                        owned.add(log);
                    }
                }
                return owned;
            });
        }).recover(failure -> {
            // Without a cluster answer, keep following what we hold: the locks still protect it.
            LOG.warn("rebalance failed ({}); keeping the {} logs held", failure.getMessage(), held.size());
            Set<LogSource> kept = new LinkedHashSet<>();
            for (LogSource log : listed) {
                if (held.containsKey(log.url())) {
                    kept.add(log);
                }
            }
            return Future.succeededFuture(kept);
        });
    }

    private Future<Void> register() {
        Future<AsyncMap<String, Long>> map = watchers != null ? Future.succeededFuture(watchers)
                : vertx.sharedData().<String, Long>getAsyncMap(WATCHERS_MAP).timeout(callTimeoutMs, TimeUnit.MILLISECONDS)
                .onSuccess(m -> watchers = m);
        return map.compose(m -> m.put(self, System.currentTimeMillis(), registrationTtlMs)
                .timeout(callTimeoutMs, TimeUnit.MILLISECONDS));
    }

    /** Registered watchers that are still cluster members. */
    private Future<List<String>> liveWatchers() {
        return watchers.keys().timeout(callTimeoutMs, TimeUnit.MILLISECONDS).map(keys -> {
            Set<String> members = new HashSet<>(cluster.getNodes());
            List<String> live = new ArrayList<>();
            for (String id : keys) {
                if (members.contains(id)) {
                    live.add(id);
                }
            }
            if (!live.contains(self)) {
                live.add(self);
            }
            return live;
        });
    }

    private Future<Void> acquire(Set<LogSource> desired) {
        List<Future<Void>> attempts = new ArrayList<>();
        for (LogSource log : desired) {
            if (held.containsKey(log.url())) {
                continue;
            }
            attempts.add(tryLock(log));
        }
        return Future.join(attempts).mapEmpty();
    }

    /**
     * Tries the log's lock briefly (it is free, or its holder is handing it over and the next tick will
     * do). A lock granted after we stopped waiting is released at once, so none is ever leaked.
     */
    private Future<Void> tryLock(LogSource log) {
        Promise<Void> done = Promise.promise();
        long timer = vertx.setTimer(callTimeoutMs, t -> done.tryComplete());
        vertx.sharedData().getLockWithTimeout(LOCK_PREFIX + log.url(), 200).onComplete(attempt -> {
            vertx.cancelTimer(timer);
            if (attempt.succeeded()) {
                if (done.future().isComplete()) {
                    attempt.result().release();
                } else {
                    // Recorded before completing: whoever waits on done must see the lock held.
                    held.put(log.url(), attempt.result());
                    heldSince.put(log.url(), System.currentTimeMillis());
                    LOG.info("{}: now followed by this watcher", log);
                }
            }
            done.tryComplete();
        });
        return done.future();
    }

    @Override
    public Future<Void> release(LogSource log) {
        Lock lock = held.remove(log.url());
        heldSince.remove(log.url());
        if (lock != null) {
            lock.release();
            LOG.info("{}: handed over", log);
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
        vertx.cancelTimer(fenceTimer);
        held.values().forEach(Lock::release);
        held.clear();
        heldSince.clear();
        if (watchers == null) {
            return Future.succeededFuture();
        }
        return watchers.remove(self).timeout(callTimeoutMs, TimeUnit.MILLISECONDS).<Void>mapEmpty().otherwiseEmpty();
    }

    @Override
    public Map<String, Long> heldSince() {
        return Map.copyOf(heldSince);
    }

    /** This watcher's node id. */
    public String self() {
        return self;
    }
}
