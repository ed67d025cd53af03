package dev.certstream.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.LifecycleEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This member's view of its cluster, for the role and for the probe server's {@code /stats}: its node id,
 * the members it sees (oldest first, so the first is Hazelcast's master), how often it was merged back
 * after a split, and the role's {@link CutOffDetector}.
 */
public final class ClusterView {

    private final HazelcastClusterManager manager;
    private final CutOffDetector cutOff;
    private final AtomicLong merges = new AtomicLong();
    private volatile long lastMergeMillis = -1;

    /** Call once the manager has joined: it listens for merges from then on. */
    public ClusterView(HazelcastClusterManager manager) {
        this.manager = manager;
        this.cutOff = new CutOffDetector(() -> manager.getNodes().size());
        manager.getHazelcastInstance().getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                merges.incrementAndGet();
                lastMergeMillis = System.currentTimeMillis();
            }
        });
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

    /**
     * {@code {"node", "vertx_node", "members", "master", "cut_off", "cut_offs", "merges", "last_merge"}}: the
     * {@code cluster} part of a probe server's {@code /stats}; {@code node}, {@code members} and {@code master}
     * are Hazelcast member ids, {@code vertx_node} the Vert.x node id; {@code last_merge} is epoch ms or null.
     */
    public JsonObject toJson() {
        List<String> members = members();
        return new JsonObject().put("node", memberId()).put("vertx_node", manager.getNodeId()).put("members", new JsonArray(new ArrayList<>(members)))
                .put("master", members.isEmpty() ? null : members.get(0))
                .put("cut_off", cutOff.cutOff()).put("cut_offs", cutOff.cutOffs())
                .put("merges", merges.get()).put("last_merge", lastMergeMillis < 0 ? null : lastMergeMillis);
    }
}
