package dev.certstream.node;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.config.Config;
import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.Completable;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import io.vertx.core.spi.cluster.RegistrationUpdateEvent;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x's Hazelcast cluster manager, made to publish this member's event-bus subscriptions and address
 * again, and to refresh its event bus's view of everyone's subscriptions from the map, a few seconds after
 * each membership change and merge, and every few seconds anyway. Vert.x does so only at the moment Hazelcast reports a removal or a merge, and after a
 * split both go wrong (measured here): a subscription held in a partition whose every copy was on the other
 * side is gone until the next change (a broker unreachable on its own side for 9 s), and a cached view read
 * while a merge's data was still arriving stays stale until that address changes again (a publisher that
 * went on without a merged-back gateway for 12 s). Publishing again is idempotent (subscriptions are a set).
 * It never takes the manager's lock, which Vert.x holds across blocking cluster calls, and skips a merge in
 * progress: the merge waits on lifecycle listeners that wait on that lock. A subscription removed while it
 * is being published again may come back (its removal and the new put race); every role's consumers live
 * as long as the role, so that only happens at shutdown. It also drops the event-bus connection kept through
 * a split to each member that comes back ({@link EventBusConnections}).
 */
final class ResyncingClusterManager extends HazelcastClusterManager {

    private static final Logger LOG = LoggerFactory.getLogger(ResyncingClusterManager.class);
    private static final Completable<Void> IGNORED = (result, failure) -> {
    };

    /** The member attribute holding a member's Vert.x node id (Vert.x's Hazelcast cluster manager sets it). */
    static final String VERTX_NODE_ATTRIBUTE = "__vertx.nodeId";

    /** Vert.x's subscription multimap. */
    static final String SUBSCRIPTIONS = "__vertx.subs";

    private final List<Duration> delays;
    private final Map<String, Set<RegistrationInfo>> own = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "certstream-subscription-resync");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.ExecutorService viewRefresher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "certstream-subscription-views");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();
    private final Object scheduling = new Object();
    private List<ScheduledFuture<?>> pending = List.of();
    private volatile RegistrationListener listener;
    private volatile boolean merging;
    private volatile io.vertx.core.Vertx vertx;
    private volatile EventBusConnections connections;
    /** The Vert.x node ids of this member's side as a merge began: the others come back with the merge. */
    private volatile Set<String> sideBeforeMerge = Set.of();

    /**
     * @param delays after each membership change or merge, when to resynchronise (the last change counts)
     * @param period how often to resynchronise anyway: a member merged into another cluster stopped hearing of
     *               subscriptions added after the merge (a gateway merged back got nothing from the watchers for
     *               2.5 min, until the next membership change, measured), so a view is never older than this
     */
    ResyncingClusterManager(Config config, List<Duration> delays, Duration period) {
        super(config);
        this.delays = List.copyOf(delays);
        scheduler.scheduleWithFixedDelay(this::resync, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void init(io.vertx.core.Vertx vertx) {
        this.vertx = vertx;
        super.init(vertx);
    }

    @Override
    public void registrationListener(RegistrationListener listener) {
        this.listener = listener;
        super.registrationListener(listener);
    }

    @Override
    public void addRegistration(String address, RegistrationInfo info, Completable<Void> promise) {
        if (!info.localOnly()) {
            own.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet()).add(info);
        }
        super.addRegistration(address, info, promise);
    }

    @Override
    public void removeRegistration(String address, RegistrationInfo info, Completable<Void> promise) {
        own.computeIfPresent(address, (a, infos) -> infos.remove(info) && infos.isEmpty() ? null : infos);
        super.removeRegistration(address, info, promise);
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        // A member merged back into this side: drop the connection to it kept through the split. (A new member
        // has none.)
        connections().reset(event.getMember().getAttribute(VERTX_NODE_ATTRIBUTE));
        super.memberAdded(event);
        scheduleResync();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        super.memberRemoved(event);
        scheduleResync();
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
        switch (event.getState()) {
            case MERGING -> {
                merging = true;
                sideBeforeMerge = isActive() ? Set.copyOf(getNodes()) : Set.of();
            }
            case MERGED, MERGE_FAILED -> merging = false;
            default -> {
            }
        }
        if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
            // This side was merged into the other: every member of the other side is back.
            EventBusConnections open = connections();
            open.nodes().stream().filter(node -> !sideBeforeMerge.contains(node)).forEach(open::reset);
        }
        super.stateChanged(event);
        if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
            scheduleResync();
        }
    }

    /** This member's outgoing event-bus connections (none to reset before the event bus is up). */
    private EventBusConnections connections() {
        EventBusConnections found = connections;
        io.vertx.core.Vertx owner = vertx;
        if (found == null && owner != null && owner.isClustered() && getNodeInfo() != null) {
            found = EventBusConnections.of(owner);
            connections = found;
        }
        return found != null ? found : EventBusConnections.NONE;
    }

    /** How many event-bus connections to members coming back after a split were dropped. */
    long connectionResets() {
        EventBusConnections found = connections;
        return found == null ? 0 : found.resets();
    }

    @Override
    public void leave(Completable<Void> promise) {
        scheduler.shutdownNow();
        viewRefresher.shutdownNow();
        super.leave(promise);
    }

    private void scheduleResync() {
        synchronized (scheduling) {
            pending.forEach(future -> future.cancel(false));
            try {
                pending = delays.stream().<ScheduledFuture<?>>map(delay ->
                        scheduler.schedule(this::resync, delay.toMillis(), TimeUnit.MILLISECONDS)).toList();
            } catch (java.util.concurrent.RejectedExecutionException leaving) {
                pending = List.of();
            }
        }
    }

    /**
     * Hands the event bus every address's subscriptions as the cluster lists them now. Vert.x 5.0.7's node
     * selector keeps a view per address that it updates only on map events, and ignores
     * {@code registrationsLost()}: after a merge the events of subscriptions added on the other side never
     * came, and a watcher published past a gateway listed in the map for minutes (measured in PartitionIT).
     */
    private void refreshViews() {
        RegistrationListener current = listener;
        // Listing the keys blocks (for the invocation timeout while the cluster is split): on its own thread, one at a time.
        if (current == null || !refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            viewRefresher.execute(() -> {
                try {
                    refreshViews(current);
                } catch (RuntimeException e) {
                    LOG.debug("subscription views not refreshed: {}", e.toString());
                } finally {
                    refreshing.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException leaving) {
            refreshing.set(false);
        }
    }

    private void refreshViews(RegistrationListener current) {
        for (String address : getHazelcastInstance().<String, Object>getMultiMap(SUBSCRIPTIONS).keySet()) {
            if (current.wantsUpdatesFor(address)) {
                getRegistrations(address, (registrations, failure) -> {
                    if (failure == null) {
                        current.registrationsUpdated(new RegistrationUpdateEvent(address, registrations));
                    }
                });
            }
        }
    }

    /** This member's address and subscriptions published again; every address's view refreshed. */
    private void resync() {
        if (!isActive() || merging || getNodeInfo() == null) {
            return; // left, being merged (a resync follows the merge), or the event bus is not up yet
        }
        try {
            setNodeInfo(getNodeInfo(), IGNORED);
            own.forEach((address, infos) -> infos.forEach(info -> super.addRegistration(address, info, IGNORED)));
            refreshViews();
            LOG.debug("event-bus subscriptions published again: {} addresses", own.size());
        } catch (RuntimeException e) {
            LOG.warn("event-bus subscriptions not published again: {}", e.toString());
        }
    }
}
