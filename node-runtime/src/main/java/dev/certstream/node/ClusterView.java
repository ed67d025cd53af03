package dev.certstream.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.LifecycleEvent;
import dev.certstream.contract.BusAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This member's view of its cluster, for the role and for the probe server's {@code /stats}: its node id,
 * the members it sees (oldest first, so the first is Hazelcast's master), whether its side holds the
 * {@link Quorum}, whether and how often it was merged into another cluster after a split (a member being
 * merged loses every lock it held and all data of its side but what the merge policies carry over), and
 * the role's {@link CutOffDetector}.
 */
public final class ClusterView {

    /**
     * How long the cluster takes to settle after a merge or a quorum regained: the members merged in finish
     * (2-4 s measured from their join) and publish their subscriptions again, and the quorum, re-evaluated
     * every heartbeat (1 s), is current again.
     */
    private static final long SETTLE_MS = 5_000;

    private final HazelcastClusterManager manager;
    private final Quorum quorum;
    private final CutOffDetector cutOff;
    private final AtomicLong merges = new AtomicLong();
    private volatile boolean merging;
    private volatile long lastMergeMillis = -1;

    /** Call once the manager has joined: it listens for merges from then on. */
    public ClusterView(HazelcastClusterManager manager, Quorum quorum) {
        this.manager = manager;
        this.quorum = quorum;
        this.cutOff = new CutOffDetector(() -> manager.getNodes().size());
        manager.getHazelcastInstance().getLifecycleService().addLifecycleListener(event -> {
            switch (event.getState()) {
                case MERGING -> {
                    // Counted now: whatever this member holds is gone from here on, before the merge completes.
                    merging = true;
                    merges.incrementAndGet();
                }
                case MERGED, MERGE_FAILED -> {
                    merging = false;
                    lastMergeMillis = System.currentTimeMillis();
                }
                default -> {
                }
            }
        });
    }

    /**
     * Whether this member's side may publish, follow logs and answer now: it holds the quorum, is not cut
     * off, and is not being merged into another cluster.
     */
    public boolean mayWork() {
        return quorum.quorate() && !cutOff.cutOff() && !merging;
    }

    public Quorum quorum() {
        return quorum;
    }

    /**
     * How many times this member began being merged into another cluster: when it changes, every lock the
     * member held is gone (the other cluster's lock state won), whatever the role still believes.
     */
    public long merges() {
        return merges.get();
    }

    /** Whether this member is being merged into another cluster right now. */
    public boolean merging() {
        return merging;
    }

    /**
     * Whether this member is being merged, or was within the last {@value #SETTLE_MS} ms: meanwhile it may
     * see itself alone or without quorum for a moment, which says nothing about the split before.
     */
    public boolean settlingAfterMerge() {
        return merging || lastMergeMillis >= 0 && System.currentTimeMillis() - lastMergeMillis < SETTLE_MS;
    }

    /**
     * Whether the cluster is still settling after a split: this member is being or was just merged, or its
     * side has just regained the quorum (other members are then being merged into it). Until it has settled,
     * a member merged in may not be subscribed again yet, and what is published passes it by.
     */
    public boolean settling() {
        Quorum.State state = quorum.state();
        boolean regained = state.quorate() && state.losses() > 0 && System.currentTimeMillis() - state.sinceMillis() < SETTLE_MS;
        return settlingAfterMerge() || regained;
    }

    /**
     * This member's Hazelcast id, the one {@link #members()} lists and Hazelcast's own logs print (the Vert.x
     * node id is another); null once it has left.
     */
    public String memberId() {
        return manager.isActive() ? manager.getHazelcastInstance().getCluster().getLocalMember().getUuid().toString() : null;
    }

    /** The one cut-off detector of this member; the role decides when to ask it. */
    public CutOffDetector cutOff() {
        return cutOff;
    }

    /** Hazelcast member ids, oldest first; empty once this member has left. */
    public List<String> members() {
        List<String> ids = new ArrayList<>();
        if (manager.isActive()) {
            for (Member member : manager.getHazelcastInstance().getCluster().getMembers()) {
                ids.add(member.getUuid().toString());
            }
        }
        return ids;
    }

    /** The addresses whose cluster-wide subscriptions {@link #subscriptions()} lists. */
    private static final List<String> WATCHED_ADDRESSES = List.of(BusAddresses.CERTIFICATES, BusAddresses.BROKER_STATS,
            BusAddresses.BROKER_SNAPSHOT);

    /**
     * The Vert.x node ids subscribed to the certificates, the brokers' stats and snapshots, as the cluster's
     * subscription map holds them now: after a split or a merge, every live member's subscriptions must be
     * there and no gone member's.
     */
    public Future<JsonObject> subscriptions() {
        List<Future<JsonArray>> lists = new java.util.ArrayList<>();
        for (String address : WATCHED_ADDRESSES) {
            Promise<List<io.vertx.core.spi.cluster.RegistrationInfo>> promise = Promise.promise();
            manager.getRegistrations(address, promise);
            lists.add(promise.future().map(infos -> {
                JsonArray nodes = new JsonArray();
                infos.forEach(info -> nodes.add(info.nodeId()));
                return nodes;
            }));
        }
        return Future.join(lists).transform(all -> {
            JsonObject json = new JsonObject();
            for (int i = 0; i < WATCHED_ADDRESSES.size(); i++) {
                json.put(WATCHED_ADDRESSES.get(i), lists.get(i).succeeded() ? lists.get(i).result() : null);
            }
            return Future.succeededFuture(json);
        });
    }

    /**
     * {@code {"node", "vertx_node", "members", "master", "quorum", "cut_off", "cut_offs", "merges", "merging",
     * "last_merge", "bus_reconnects"}}: the {@code cluster} part of a node's {@code /stats}; {@code node}, {@code members} and
     * {@code master} are Hazelcast member ids, {@code vertx_node} the Vert.x node id, {@code quorum} what
     * {@link Quorum#toJson()} says; {@code last_merge} is epoch ms or null; {@code bus_reconnects} counts the event-bus connections dropped
     * because their member came back after a split.
     */
    public JsonObject toJson() {
        List<String> members = members();
        return new JsonObject().put("node", memberId()).put("vertx_node", manager.getNodeId()).put("members", new JsonArray(new ArrayList<>(members)))
                .put("master", members.isEmpty() ? null : members.get(0)).put("quorum", quorum.toJson())
                .put("cut_off", cutOff.cutOff()).put("cut_offs", cutOff.cutOffs()).put("merges", merges.get())
                .put("merging", merging).put("last_merge", lastMergeMillis < 0 ? null : lastMergeMillis)
                .put("bus_reconnects", manager instanceof ResyncingClusterManager resyncing ? resyncing.connectionResets() : 0);
    }
}
