package dev.certstream.node;

import com.hazelcast.cluster.Member;
import com.hazelcast.splitbrainprotection.HeartbeatAware;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionFunction;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Whether this member's side of the cluster may publish, follow logs and answer: Hazelcast's split-brain
 * protection function for the cluster, evaluated on every membership change and every heartbeat interval.
 * A side holds the quorum when it has more than half of the watchers and brokers known (every one seen since
 * this member started, or {@link QuorumSettings#members()} if more), or exactly half including the one with
 * the smallest id (ids sort by start time, so the side with the longest-running member wins a tie); both
 * sides of a split know the same members, so at most one side holds it. Only a side holding the quorum
 * forgets a member gone for {@link QuorumSettings#forget()}: members lost one at a time never cost the rest
 * their quorum, while a cut-off minority keeps counting the members it cannot see. A member counts as
 * present only while its heartbeats arrive: a side that lost its master keeps the whole member list until
 * it has agreed on a new one (25 s measured after a cut), and must stop long before.
 */
public final class Quorum implements SplitBrainProtectionFunction, HeartbeatAware {

    /** The member attribute naming a member's role. */
    static final String ROLE_ATTRIBUTE = "certstream.role";
    /** The member attribute holding a member's id: unlike Hazelcast's member id, it survives a merge. */
    static final String NODE_ATTRIBUTE = "certstream.node";
    /** The roles that count: they hold what a split can make diverge; gateways scale freely and hold nothing. */
    static final Set<String> COUNTED_ROLES = Set.of("watcher", "broker");

    private static final Logger LOG = LoggerFactory.getLogger(Quorum.class);

    private final QuorumSettings settings;
    private final long heartbeatToleranceNanos;
    private final LongSupplier nanos;
    private final String nodeId;
    /** Known counted members by id, with when each was last seen (nanos). */
    private final Map<String, Long> known = new HashMap<>();
    /** When a heartbeat last came from each member (nanos), or when it was first listed. */
    private final Map<String, Long> heard = new HashMap<>();
    private volatile State state = new State(false, 0, 0, null, System.currentTimeMillis(), 0);

    /** The outcome of the latest evaluation; {@code since} is when it last changed (epoch ms). */
    public record State(boolean quorate, int present, int expected, String tieBreak, long sinceMillis, long losses) {
    }

    /**
     * @param heartbeatTolerance how long a member may stay silent and still count (shorter than the failure
     *                           timeout, after which Hazelcast removes it)
     * @param nanos              monotonic nanoseconds ({@code System::nanoTime})
     */
    public Quorum(QuorumSettings settings, java.time.Duration heartbeatTolerance, LongSupplier nanos) {
        this.settings = settings;
        this.heartbeatToleranceNanos = heartbeatTolerance.toNanos();
        this.nanos = nanos;
        this.nodeId = String.format("%013x-%08x", System.currentTimeMillis(), ThreadLocalRandom.current().nextInt());
    }

    /** This member's id, set as its {@value #NODE_ATTRIBUTE} attribute. */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean apply(Collection<Member> members) {
        Map<String, Boolean> listed = new HashMap<>();
        for (Member member : members) {
            String id = member.getAttribute(NODE_ATTRIBUTE);
            if (id != null && COUNTED_ROLES.contains(member.getAttribute(ROLE_ATTRIBUTE))) {
                listed.put(id, member.localMember());
            }
        }
        return evaluate(audible(listed));
    }

    @Override
    public void onHeartbeat(Member member, long timestamp) {
        String id = member.getAttribute(NODE_ATTRIBUTE);
        if (id != null) {
            heardFrom(id);
        }
    }

    /** Records a heartbeat from the member with this id. */
    synchronized void heardFrom(String id) {
        heard.put(id, nanos.getAsLong());
    }

    /**
     * The listed members (id to whether it is this one) that count as present: this member, and every other
     * one heard from within the tolerance (a newly listed one gets the tolerance to send its first).
     */
    synchronized Set<String> audible(Map<String, Boolean> listed) {
        long now = nanos.getAsLong();
        heard.keySet().retainAll(listed.keySet());
        Set<String> present = new TreeSet<>();
        listed.forEach((id, local) -> {
            long last = heard.computeIfAbsent(id, k -> now);
            if (local || now - last <= heartbeatToleranceNanos) {
                present.add(id);
            }
        });
        return present;
    }

    /** Decides for the counted members present now; Hazelcast calls it from one thread. */
    synchronized boolean evaluate(Set<String> present) {
        long now = nanos.getAsLong();
        present.forEach(id -> known.put(id, now));
        int expected = Math.max(settings.members(), known.size());
        String tieBreak = known.isEmpty() ? null : Collections.min(known.keySet());
        // A tie is broken only among members all of which are known: with fewer known than configured,
        // the unseen ones could be holding a tie of their own.
        boolean tieWon = tieBreak != null && known.size() >= settings.members() && present.contains(tieBreak);
        boolean quorate = !present.isEmpty() && (present.size() * 2 > expected || present.size() * 2 == expected && tieWon);
        if (quorate) {
            long forgetNanos = settings.forget().toNanos();
            known.values().removeIf(seen -> now - seen > forgetNanos);
            expected = Math.max(settings.members(), known.size());
        }
        State previous = state;
        if (previous.quorate() != quorate || previous.present() != present.size() || previous.expected() != expected) {
            long losses = previous.losses() + (previous.quorate() && !quorate ? 1 : 0);
            state = new State(quorate, present.size(), expected, tieBreak,
                    previous.quorate() != quorate ? System.currentTimeMillis() : previous.sinceMillis(), losses);
            if (previous.quorate() && !quorate) {
                LOG.warn("quorum lost: {} of {} watchers and brokers reachable; publishing nothing until it is back",
                        present.size(), expected);
            } else if (!previous.quorate() && quorate) {
                LOG.info("quorum held: {} of {} watchers and brokers reachable", present.size(), expected);
            }
        }
        return quorate;
    }

    /** Whether this side held the quorum at the latest evaluation (false before the first). */
    public boolean quorate() {
        return state.quorate();
    }

    public State state() {
        return state;
    }

    /** {@code {"quorate", "present", "expected", "tie_break", "since", "losses", "node"}} for {@code /stats}. */
    public JsonObject toJson() {
        State s = state;
        return new JsonObject().put("quorate", s.quorate()).put("present", s.present()).put("expected", s.expected())
                .put("tie_break", s.tieBreak()).put("since", s.sinceMillis()).put("losses", s.losses()).put("node", nodeId);
    }
}
