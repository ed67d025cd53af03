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

    public String nodeId() {
        return manager.getNodeId();
    }

    /** The one cut-off detector of this member; the role decides when to ask it. */
    public CutOffDetector cutOff() {
        return cutOff;
    }

    /** Member ids (the Vert.x node ids), oldest first; empty once this member has left. */
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
     * {@code {"node", "members", "master", "cut_off", "cut_offs", "merges", "last_merge"}}: the
     * {@code cluster} part of a probe server's {@code /stats}; {@code last_merge} is epoch milliseconds or null.
     */
    public JsonObject toJson() {
        List<String> members = members();
        return new JsonObject().put("node", nodeId()).put("members", new JsonArray(new ArrayList<>(members)))
                .put("master", members.isEmpty() ? null : members.get(0))
                .put("cut_off", cutOff.cutOff()).put("cut_offs", cutOff.cutOffs())
                .put("merges", merges.get()).put("last_merge", lastMergeMillis < 0 ? null : lastMergeMillis);
    }
}
