package dev.certstream.systest;

import dev.certstream.systest.check.FlowChecks;
import dev.certstream.systest.check.NodeStats;
import dev.certstream.systest.check.SplitAudit;
import dev.certstream.systest.check.StreamAudit;

import dev.certstream.systest.client.ArrivalRecorder;
import dev.certstream.systest.client.Http;

import dev.certstream.systest.process.MemberProbe;
import dev.certstream.systest.process.NetNamespaces;
import dev.certstream.systest.process.NodeLogs;
import dev.certstream.systest.process.ServerProcess;
import dev.certstream.systest.process.SystemDeps;

import dev.certstream.testing.Wait;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clustered deployment of {@link ClusterTestBase} with every role in a network namespace of its own on
 * one bridge, so that a test can cut the network between groups of members and heal it: side A holds
 * watcher-1, broker-1 and gateway-1, side B watcher-2, broker-2 and gateway-2 (broker-1, started first, is
 * the longest-running member, so side A wins an even split, and is then merged into side B's cluster: see
 * {@link #createDeployment}). The simulator and the clients stay in the root
 * namespace, which every member reaches whatever is cut, so each client keeps its connection to its
 * gateway throughout. {@link #split} runs one split from cut to heal and checks it.
 */
abstract class PartitionTestBase extends ClusterTestBase {

    static final List<String> SIDE_A = List.of("watcher-1", "broker-1", "gateway-1");
    static final List<String> SIDE_B = List.of("watcher-2", "broker-2", "gateway-2");
    /** For a split to be noticed and settled, or a heal to merge: Hazelcast alone needs ~10 s and ~5-40 s. */
    static final Duration SETTLE_DEADLINE = Duration.ofMinutes(3);

    final SplitAudit audit = new SplitAudit();

    @Override
    ClusterDeployment createDeployment() {
        SystemDeps.requireNamespaces();
        // Side B's namespaces first, so side A's addresses sort after B's: of two clusters of the same size,
        // Hazelcast merges the one whose master's address sorts last into the other, so after an even split
        // the side that held the quorum is the one merged, and loses its locks (the harder case).
        List<String> members = new ArrayList<>(SIDE_B);
        members.addAll(SIDE_A);
        return ClusterDeployment.inNamespaces(getClass().getSimpleName(), NetNamespaces.create(), members, roleJvmOptions());
    }

    /**
     * Cuts {@code majority} off from {@code minority} for {@code length}, then heals, checking on the way:
     * the minority's members all lose the quorum and say so ({@code /ready} 503, {@code /stats}), the
     * majority's keep it and follow every log, and clients on its gateways keep receiving every log; after
     * the heal every member is back, quorate and ready, every log is followed by one watcher, every client
     * receives every log again, and {@link #audit} finds nothing wrong (a minority gateway's clients may miss
     * what was published while their side was cut off, nothing else). Reports what it measured.
     */
    void split(String label, List<String> majority, List<String> minority, Duration length) {
        Map<ServerProcess, Set<String>> ownership = awaitSettledOwnership();
        Set<String> minorityLogs = new TreeSet<>();
        ownership.forEach((watcher, held) -> {
            if (minority.contains(memberName(watcher))) {
                minorityLogs.addAll(held);
            }
        });
        List<ArrivalRecorder> minorityClients = clientsOf(minority);
        Map<ArrivalRecorder, Map<String, Long>> highestAtCut = new LinkedHashMap<>();
        minorityClients.forEach(client -> highestAtCut.put(client, client.highestIndices()));
        Instant cutAt = Instant.now();
        long cutNanos = System.nanoTime();
        cluster.network().split(majority, minority);
        report.add("%s: cut %s off from %s for %d s", label, minority, majority, length.toSeconds());

        PartitionSides sides = new PartitionSides(this, majority, minority, logs);
        await(label + ": the minority without quorum, the majority following every log", sides, sides::settledApart);
        report.add("%s: the minority lost the quorum (%s) and every member said so within %d ms of the cut; the"
                + " majority kept it and followed every log", label, quorumChanges(minority, cutAt), millisSince(cutNanos));
        Wait.until(label + " held for " + length.toSeconds() + " s", length.plus(SETTLE_DEADLINE), Duration.ofSeconds(1), () -> {
            sides.assertStillApart();
            return System.nanoTime() - cutNanos >= length.toNanos();
        });
        FlowChecks.awaitEveryLogAdvances(clientsOf(majority), logs, cutNanos, ADVANCE, FLOW_DEADLINE);
        reportTakeovers(label, minorityLogs, majority, cutAt, cutNanos);

        Map<String, Long> reconnectsBefore = sides.busReconnects();
        Instant healAt = Instant.now();
        long healNanos = System.nanoTime();
        cluster.network().heal();
        await(label + ": merged back, every member quorate and ready", sides, sides::whole);
        report.add("%s: healed; merged %s; quorum back %s; every member saw all %d, held the quorum and was ready"
                + " within %d ms", label, sides.mergeDelays(healAt), quorumChanges(minority, healAt), running().size(),
                millisSince(healNanos));
        assertReconnected(label, majority, minority, reconnectsBefore, sides.busReconnects());
        awaitSettledOwnership();
        FlowChecks.awaitEveryLogAdvances(clients(), logs, healNanos, ADVANCE, FLOW_DEADLINE);
        ArrivalRecorder reference = clientsOf(majority).get(0);
        for (ArrivalRecorder client : minorityClients) {
            allowWindows(label, client, reference, highestAtCut.get(client), healNanos);
        }
        assertEquals(List.of(), audit.problems(allClients, logs), label + ": what clients received");
        sides.assertStatsAnswered();
    }

    /**
     * Fails unless each side dropped the event-bus connections it kept through the split to the other side's
     * members when they came back (a split outlasting the failure timeout removes them): the side that absorbs
     * the other on Hazelcast's "member added", the side merged into the other on "merged". Kept, such a
     * connection delivers again only at TCP's next retransmission, up to a minute after the heal. The side
     * with the quorum writes to a minority of watchers alone over no connection of its own (watchers only
     * publish), so it has nothing to drop then.
     */
    private void assertReconnected(String label, List<String> majority, List<String> minority, Map<String, Long> before,
                                   Map<String, Long> after) {
        Map<String, Long> dropped = new LinkedHashMap<>();
        after.forEach((name, count) -> dropped.put(name, count - before.getOrDefault(name, 0L)));
        report.add("%s: event-bus connections dropped at the merge, per member: %s", label, dropped);
        assertTrue(minority.stream().mapToLong(name -> dropped.getOrDefault(name, 0L)).sum() > 0,
                label + ": the minority reopened no event-bus connection to the members that came back: " + dropped);
        if (minority.stream().anyMatch(name -> !name.startsWith("watcher"))) {
            assertTrue(majority.stream().mapToLong(name -> dropped.getOrDefault(name, 0L)).sum() > 0,
                    label + ": the majority reopened no event-bus connection to the members that came back: " + dropped);
        }
    }

    /**
     * Cuts side {@code a} off from side {@code b} for {@code cut}, heals for {@code gap}, {@code count} times;
     * then checks that every member is back, quorate and ready, every log is followed by one watcher and
     * every client receives every log again. Returns the member lists that lacked a running member meanwhile,
     * as each member logged them (Hazelcast removed it: a cut outlasting the failure timeout, or failed
     * reconnections); their clients on side {@code b} may then miss what the flapping window published.
     */
    List<String> flap(String label, List<String> a, List<String> b, int count, Duration cut, Duration gap) {
        awaitSettledOwnership();
        List<ArrivalRecorder> sideBClients = clientsOf(b);
        Map<ArrivalRecorder, Map<String, Long>> highestAtStart = new LinkedHashMap<>();
        sideBClients.forEach(client -> highestAtStart.put(client, client.highestIndices()));
        Instant start = Instant.now();
        for (int i = 1; i <= count; i++) {
            long cutNanos = System.nanoTime();
            cluster.network().split(a, b);
            Wait.until(label + ": cut " + i + " held", cut.plus(SETTLE_DEADLINE), Duration.ofMillis(200),
                    () -> System.nanoTime() - cutNanos >= cut.toNanos());
            long healNanos = System.nanoTime();
            cluster.network().heal();
            Wait.until(label + ": heal " + i + " held", gap.plus(SETTLE_DEADLINE), Duration.ofMillis(200),
                    () -> System.nanoTime() - healNanos >= gap.toNanos());
        }
        long endNanos = System.nanoTime();
        PartitionSides everyone = new PartitionSides(this, List.of(), List.of(), logs);
        await(label + ": every member back, quorate and ready", everyone, everyone::whole);
        report.add("%s: %d cuts of %d s every %d s; %d ms after the last heal every member saw all %d, held the quorum"
                + " and was ready", label, count, cut.toSeconds(), cut.plus(gap).toSeconds(), millisSince(endNanos), running().size());
        awaitSettledOwnership();
        FlowChecks.awaitEveryLogAdvances(clients(), logs, endNanos, ADVANCE, FLOW_DEADLINE);
        List<String> dropped = droppedSince(start);
        report.add("%s: member lists without a running member, as logged: %s", label, dropped.isEmpty() ? "none" : dropped);
        if (!dropped.isEmpty()) {
            for (ArrivalRecorder client : sideBClients) {
                allowWindows(label, client, clientsOf(a).get(0), highestAtStart.get(client), endNanos);
            }
        }
        assertEquals(List.of(), audit.problems(allClients, logs), label + ": what clients received");
        everyone.assertStatsAnswered();
        return dropped;
    }

    /** Every member list a running member logged since {@code since} that lacked another running member. */
    private List<String> droppedSince(Instant since) {
        List<String> dropped = new ArrayList<>();
        List<ServerProcess> running = running();
        for (ServerProcess observer : running) {
            for (NodeLogs.MemberList list : NodeLogs.memberLists(observer)) {
                if (list.at() != null && !list.at().isBefore(since) && list.members().size() < running.size()) {
                    dropped.add(memberName(observer) + " at " + list.at() + ": " + list.members().size() + " members");
                }
            }
        }
        return dropped;
    }

    /** Waits up to {@link #SETTLE_DEADLINE}; a timeout tells what the members said last. */
    private static void await(String what, PartitionSides sides, java.util.concurrent.Callable<Boolean> condition) {
        try {
            Wait.until(what, SETTLE_DEADLINE, Duration.ofMillis(500), condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the members said last: " + sides.lastSeen(), e);
        }
    }

    /**
     * Lets a minority client miss what was published while its side was cut off: the indices between its
     * highest at the cut and the first it received that was published after the heal (as the reference
     * client on the majority side, which gets everything, tells by when it received them). Certificates the
     * majority published during the split can still reach the minority's gateway after the heal, in order,
     * from the TCP buffers of connections opened before the cut; those are received, not missed.
     */
    private void allowWindows(String label, ArrivalRecorder client, ArrivalRecorder reference,
                              Map<String, Long> highestAtCut, long healNanos) {
        for (String log : logs) {
            long after = highestAtCut.getOrDefault(log, -1L);
            Map<Long, Long> referenceArrival = new java.util.HashMap<>();
            reference.arrivals(log).forEach(a -> referenceArrival.putIfAbsent(a.index(), a.nanos()));
            List<ArrivalRecorder.Arrival> arrivals = client.arrivals(log);
            ArrivalRecorder.Arrival live = arrivals.stream().filter(a -> a.index() > after && a.nanos() > healNanos
                            && referenceArrival.getOrDefault(a.index(), a.nanos()) > healNanos).findFirst()
                    .orElseThrow(() -> new AssertionError(client.name() + " got nothing of " + log + " published after the heal"));
            long late = arrivals.stream().filter(a -> a.nanos() > healNanos && a.index() < live.index()).count();
            SplitAudit.Window window = new SplitAudit.Window(label, after, live.index());
            audit.allow(client, log, window);
            List<StreamAudit.Range> missed = StreamAudit.account(arrivals).missing().stream().filter(window::covers).toList();
            report.add("%s: minority client %s missed %d of %s in %s (received up to %d at the cut; after the heal %d"
                            + " published during the split arrived late, then %d, published after the heal, %d ms after it)",
                    label, client.name(), missed.stream().mapToLong(StreamAudit.Range::size).sum(), log, missed, after, late,
                    live.index(), (live.nanos() - healNanos) / 1_000_000);
            assertGatewayKnows(label, client, log, missed);
        }
    }

    /**
     * Fails unless the client's gateway lists every range the client missed in its {@code /stats}
     * {@code missed_ranges}, exactly: what a gateway replays after the heal, or tells its clients as gaps.
     */
    private void assertGatewayKnows(String label, ArrivalRecorder client, String log, List<StreamAudit.Range> missed) {
        ServerProcess gateway = clientOf.entrySet().stream().filter(e -> e.getValue() == client).findFirst()
                .orElseThrow().getKey();
        Set<String> listed = new TreeSet<>();
        Http.get(gateway.url("/stats")).json().path("missed_ranges").path("logs").path(log)
                .forEach(range -> listed.add(range.get(0).asLong() + ".." + range.get(1).asLong()));
        for (StreamAudit.Range range : missed) {
            if (!listed.contains(range.first() + ".." + range.last())) {
                throw new AssertionError(label + ": " + client.name() + " missed " + range + " of " + log
                        + ", which its gateway does not list exactly; it lists " + listed);
            }
        }
    }

    /**
     * When the majority's watchers took the minority's logs over, and the longest each majority client went
     * without a certificate of each of those logs during the split (certificates already in flight at the
     * cut arrive first, so the silence around the cut itself says little).
     */
    private void reportTakeovers(String label, Set<String> minorityLogs, List<String> majority, Instant cutAt, long cutNanos) {
        for (ServerProcess watcher : watchers) {
            if (!majority.contains(memberName(watcher))) {
                continue;
            }
            NodeStats.of(watcher).path("held").fields().forEachRemaining(held -> {
                if (minorityLogs.contains(held.getKey())) {
                    report.add("%s: %s took %s over %d ms after the cut", label, watcher.name(), held.getKey(),
                            held.getValue().asLong() - cutAt.toEpochMilli());
                }
            });
        }
        long now = System.nanoTime();
        for (ArrivalRecorder client : clientsOf(majority)) {
            for (String log : minorityLogs) {
                List<ArrivalRecorder.Arrival> during = new ArrayList<>(List.of(new ArrivalRecorder.Arrival(-1, cutNanos, false)));
                client.arrivals(log).stream().filter(a -> a.nanos() > cutNanos && a.nanos() <= now).forEach(during::add);
                report.add("%s: %s went at most %d ms without a certificate of %s during the split", label, client.name(),
                        StreamAudit.longestGapNanos(during, cutNanos, now) / 1_000_000, log);
            }
        }
    }

    /** Per member, how long after {@code event} its quorum last changed (as its /stats says). */
    String quorumChanges(List<String> members, Instant event) {
        StringBuilder out = new StringBuilder();
        for (String name : members) {
            long since = MemberProbe.of(member(name)).cluster().path("quorum").path("since").asLong(-1);
            out.append(out.isEmpty() ? "" : ", ").append(name).append(since >= event.toEpochMilli()
                    ? " +" + (since - event.toEpochMilli()) + " ms" : " unchanged");
        }
        return out.toString();
    }

    /** The clients of the live gateways among {@code members}. */
    List<ArrivalRecorder> clientsOf(List<String> members) {
        List<ArrivalRecorder> found = new ArrayList<>();
        clientOf.forEach((gateway, client) -> {
            if (members.contains(memberName(gateway))) {
                found.add(client);
            }
        });
        return found;
    }

    /** The running role named {@code member} ("watcher-1", ...). */
    ServerProcess member(String member) {
        return running().stream().filter(p -> memberName(p).equals(member)).findFirst()
                .orElseThrow(() -> new AssertionError("no running member " + member));
    }

    /** The role name ("gateway-1") of a process. */
    static String memberName(ServerProcess process) {
        return process.name().substring(process.name().indexOf('-') + 1);
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
