package dev.certstream.gateway.stream;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.gateway.filter.FilterEntry;
import dev.certstream.gateway.resume.StreamPosition;
import dev.certstream.gateway.unique.ClaimKeys;
import dev.certstream.gateway.unique.ClaimStore;
import dev.certstream.gateway.unique.UniqueMode;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live stream of one gateway instance's {@code unique=} clients: every certificate the hub passed, in the
 * hub's order, each sent to a group of those clients only when its claim says it is the first entry of its
 * certificate (or issuance) in the group's scope. Claims may answer later (the cluster); the lane waits for
 * the oldest and never reorders, while the other clients of the hub are not held up at all. Its position is
 * that of the last certificate it finished. Only the instance's event loop calls it.
 */
final class UniqueLane implements DeliverySource {

    /** The clients of one mode, scope and filter: one claim per certificate serves them all. */
    private record GroupKey(UniqueMode mode, long scope, FilterEntry filter) {
    }

    private final ClaimStore claims;
    private final StreamMeters meters;
    private final StreamPosition position = new StreamPosition();
    private final Map<GroupKey, SessionSet> groups = new LinkedHashMap<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    /** A certificate waiting for its claims, with the groups it goes to if first. */
    private static final class Pending {
        final CertificateEnvelope envelope;
        final int logId;
        final Map<GroupKey, Future<Boolean>> decisions = new HashMap<>();

        Pending(CertificateEnvelope envelope, int logId) {
            this.envelope = envelope;
            this.logId = logId;
        }

        boolean decided() {
            for (Future<Boolean> decision : decisions.values()) {
                if (!decision.isComplete()) {
                    return false;
                }
            }
            return true;
        }
    }

    UniqueLane(ClaimStore claims, StreamMeters meters) {
        this.claims = claims;
        this.meters = meters;
    }

    @Override
    public StreamPosition position() {
        return position;
    }

    boolean isEmpty() {
        return groups.isEmpty();
    }

    void add(ClientSession session) {
        groups.computeIfAbsent(key(session), k -> new SessionSet()).add(session);
    }

    void remove(ClientSession session) {
        GroupKey key = key(session);
        SessionSet group = groups.get(key);
        if (group != null && group.remove(session)) {
            groups.remove(key);
        }
    }

    private static GroupKey key(ClientSession session) {
        Subscription s = session.subscription();
        UniqueMode mode = s.resume().unique();
        return new GroupKey(mode, ClaimKeys.scope(s.spec(), mode), s.filter());
    }

    /** The hub passed a certificate, which matched these filters. */
    void offer(CertificateEnvelope envelope, int logId, FilterEntry[] matches) {
        if (groups.isEmpty() && pending.isEmpty()) {
            position.advance(logId, envelope.index());
            return;
        }
        Pending next = new Pending(envelope, logId);
        long claimant = ClaimKeys.claimant(logId, envelope.index());
        Map<Long, Future<Boolean>> byKey = new HashMap<>();
        for (GroupKey group : groups.keySet()) {
            if (group.filter() != null && !contains(matches, group.filter())) {
                continue;
            }
            long key = ClaimKeys.key(group.mode(), group.scope(), envelope.facts());
            Future<Boolean> decision = key == ClaimKeys.NONE ? Future.succeededFuture(true)
                    : byKey.computeIfAbsent(key, k -> claims.claim(k, claimant));
            next.decisions.put(group, decision);
            if (!decision.isComplete()) {
                decision.onComplete(done -> drain());
            }
        }
        pending.addLast(next);
        drain();
    }

    private static boolean contains(FilterEntry[] matches, FilterEntry filter) {
        for (FilterEntry match : matches) {
            if (match == filter) {
                return true;
            }
        }
        return false;
    }

    /** Sends every certificate at the head whose claims are all answered, in order. */
    private void drain() {
        while (!pending.isEmpty() && pending.peekFirst().decided()) {
            Pending head = pending.pollFirst();
            position.advance(head.logId, head.envelope.index());
            Outgoing message = new Outgoing.Certificate(head.envelope, head.logId, position);
            long left = 0;
            for (Map.Entry<GroupKey, Future<Boolean>> decision : head.decisions.entrySet()) {
                SessionSet group = groups.get(decision.getKey());
                if (group == null) {
                    continue; // its clients left meanwhile
                }
                if (Boolean.TRUE.equals(decision.getValue().result())) {
                    group.send(message);
                } else {
                    left += group.size();
                }
            }
            if (left > 0) {
                meters.repeatsLeftOut(left);
            }
        }
    }

    /** Certificates waiting for a claim's answer. */
    int waiting() {
        return pending.size();
    }
}
