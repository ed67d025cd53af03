package dev.certstream.systest;

import dev.certstream.systest.client.Http;

import dev.certstream.systest.process.MemberProbe;
import dev.certstream.systest.process.ServerProcess;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The two sides of one split as every member's own routes report them ({@link MemberProbe}), and what each
 * must say: the majority's members see each other only, hold the quorum, are ready, and between its
 * watchers follow every log exactly once (its brokers answer); the minority's see each other only, hold no
 * quorum, are not ready, follow nothing and answer nothing. Once healed, every member sees all of them and
 * is quorate and ready again.
 */
final class PartitionSides {

    private final PartitionTestBase test;
    private final List<String> majority;
    private final List<String> minority;
    private final Collection<String> logs;
    private volatile String lastSeen = "nothing read yet";

    PartitionSides(PartitionTestBase test, List<String> majority, List<String> minority, Collection<String> logs) {
        this.test = test;
        this.majority = List.copyOf(majority);
        this.minority = List.copyOf(minority);
        this.logs = List.copyOf(logs);
    }

    /** Whether both sides say what they must while apart (the latest reading is kept for reports). */
    boolean settledApart() {
        Map<String, MemberProbe> probes = probe(all());
        List<String> wrong = new ArrayList<>();
        Set<String> followed = new TreeSet<>();
        int holdings = 0;
        for (String name : majority) {
            MemberProbe p = probes.get(name);
            if (!p.quorate() || !p.ready() || p.members() != majority.size() || name.startsWith("broker") && !p.answering()) {
                wrong.add(p.toString());
            }
            followed.addAll(p.held());
            holdings += p.held().size();
        }
        for (String name : minority) {
            MemberProbe p = probes.get(name);
            if (p.quorate() || p.ready() || p.members() != minority.size() || !p.held().isEmpty() || p.answering()) {
                wrong.add(p.toString());
            }
        }
        if (!followed.equals(new TreeSet<>(logs)) || holdings != logs.size()) {
            wrong.add("the majority's watchers follow " + holdings + " logs: " + followed);
        }
        lastSeen = wrong.isEmpty() ? describe(probes) : "still wrong: " + wrong;
        return wrong.isEmpty();
    }

    /** Fails when, during the split, the minority claims the quorum or readiness, or the majority loses either. */
    void assertStillApart() {
        Map<String, MemberProbe> probes = probe(all());
        for (String name : minority) {
            if (probes.get(name).quorate() || probes.get(name).ready()) {
                throw new AssertionError("during the split the minority's " + probes.get(name));
            }
        }
        for (String name : majority) {
            if (!probes.get(name).quorate() || !probes.get(name).ready()) {
                throw new AssertionError("during the split the majority's " + probes.get(name));
            }
        }
    }

    /** Whether every running member sees all the others again and is quorate and ready. */
    boolean whole() {
        List<ServerProcess> running = test.running();
        Map<String, MemberProbe> probes = probe(running.stream().map(PartitionTestBase::memberName).toList());
        lastSeen = describe(probes);
        return probes.values().stream().allMatch(p -> p.members() == running.size() && p.quorate() && p.ready());
    }

    /** Per member merged after {@code healAt}: how long after it the merge completed. */
    String mergeDelays(Instant healAt) {
        StringBuilder out = new StringBuilder();
        for (MemberProbe p : probe(all()).values()) {
            if (p.lastMerge() >= healAt.toEpochMilli()) {
                out.append(out.isEmpty() ? "" : ", ").append(p.name().substring(p.name().indexOf('-') + 1))
                        .append(" +").append(p.lastMerge() - healAt.toEpochMilli()).append(" ms");
            }
        }
        return out.isEmpty() ? "none (no member was merged)" : out.toString();
    }

    /**
     * Per member, the event-bus connections it dropped because their member came back after a split
     * ({@code cluster.bus_reconnects}), in member order.
     */
    Map<String, Long> busReconnects() {
        Map<String, Long> counts = new LinkedHashMap<>();
        probe(all()).forEach((name, p) -> counts.put(name, p.cluster().path("bus_reconnects").asLong(0)));
        return counts;
    }

    /** Fails unless every gateway's {@code /stats} answers 200 with the deployment's counts. */
    void assertStatsAnswered() {
        for (ServerProcess gateway : test.gateways) {
            Http.Answer answer = Http.get(gateway.url("/stats"));
            if (answer.status() != 200 || !answer.json().path("processed_certificates").canConvertToLong()) {
                throw new AssertionError(gateway.name() + " /stats after the heal: " + answer.status() + " " + answer.body());
            }
        }
    }

    String lastSeen() {
        return lastSeen;
    }

    private List<String> all() {
        List<String> names = new ArrayList<>(majority);
        names.addAll(minority);
        return names;
    }

    private Map<String, MemberProbe> probe(List<String> names) {
        Map<String, MemberProbe> probes = new LinkedHashMap<>();
        names.forEach(name -> probes.put(name, MemberProbe.of(test.member(name))));
        return probes;
    }

    private static String describe(Map<String, MemberProbe> probes) {
        StringBuilder out = new StringBuilder();
        probes.forEach((name, p) -> out.append("\n      ").append(p));
        return out.toString();
    }
}
