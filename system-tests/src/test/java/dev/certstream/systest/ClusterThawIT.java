package dev.certstream.systest;

import dev.certstream.systest.check.FlowChecks;
import dev.certstream.systest.check.NodeStats;
import dev.certstream.systest.check.StatsChecks;

import dev.certstream.systest.client.Http;

import dev.certstream.systest.process.NodeLogs;
import dev.certstream.systest.process.ServerProcess;

import dev.certstream.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A member frozen until the cluster removed it, then thawed (SIGCONT): it finds itself alone, forms a
 * one-member cluster of its own, and Hazelcast's split-brain merge later brings it back. Clients must see
 * no gap and the brokers must agree all along. Hazelcast's merge delays are shortened through its system
 * properties (first look 10 s after start, then every 5 s, instead of 300 s and 120 s) so the merge comes
 * within seconds of the thaw; the merge itself is unchanged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterThawIT extends ClusterTestBase {

    /** Freeze-thaw cycles of a watcher tried: each leaves a gap only when the race below goes the wrong way. */
    private static final int WATCHER_CYCLES = 4;
    /** Lines of a thawed member's own log quoted in the report. */
    private static final int QUOTED_LINES = 8;

    /**
     * More RFC 6962 logs than the other classes: each one the thawed watcher newly takes is one more chance
     * for the race below (an RFC 6962 log publishes within a poll, a tiled one waits for its tile).
     */
    @Override
    int rfc6962Logs() {
        return 6;
    }

    @Override
    String[] roleJvmOptions() {
        List<String> options = new java.util.ArrayList<>(List.of(super.roleJvmOptions()));
        options.add("-Dhazelcast.merge.first.run.delay.seconds=10");
        options.add("-Dhazelcast.merge.next.run.delay.seconds=5");
        return options.toArray(String[]::new);
    }

    /**
     * Guards against a defect once seen: the thawed broker missed every certificate while it was frozen and
     * alone, yet after the merge answered the gateways' requests again (round robin with the live replica)
     * with those stale counts, so consecutive /stats calls disagreed (24,475 then 6,726 processed, for
     * minutes). A broker merged back now copies a live replica's state first.
     */
    @Test
    @Order(1)
    void thawedBrokerServesCurrentCountsAfterTheMerge() {
        scenario("broker SIGSTOP, SIGCONT, merge", () -> {
            for (ServerProcess gateway : gateways) {
                StatsChecks.awaitCountsMatchClient(gateway, clientOf.get(gateway), logs, STREAK, FLOW_DEADLINE);
            }
            ServerProcess victim = brokers.get(0);
            freezeWhilePolling(victim, routes("/ready"));
            thawUntilMerged(victim);
            for (ServerProcess gateway : gateways) {
                StatsChecks.awaitCountsMatchClient(gateway, clientOf.get(gateway), logs, STREAK, FLOW_DEADLINE);
            }
        });
    }

    /**
     * Guards against a defect once seen: alone after the thaw, the watcher saw every log lock free and took
     * them all, starting some at their tree heads, and still reached the real cluster's brokers and gateways
     * through the event bus; receivers jumped their high-water mark past what the real owner had published
     * and dropped the owner's in-between certificates as duplicates (a gap of 12 certificates of rfc0 for
     * every client). A cut-off watcher now follows nothing, and receivers keep a window of seen indices.
     */
    @Test
    @Order(2)
    void thawedWatcherNeverMakesClientsMissACertificate() {
        scenario("watcher SIGSTOP, SIGCONT, merge", () -> {
            for (int cycle = 1; cycle <= WATCHER_CYCLES; cycle++) {
                Map<ServerProcess, Set<String>> ownership = awaitSettledOwnership();
                // The one following fewest logs: alone after the thaw, it newly takes the most logs.
                ServerProcess victim = ownership.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                        .min(Comparator.comparingInt(e -> e.getValue().size())).orElseThrow().getKey();
                long duplicatesBefore = duplicatesDropped();
                Instant frozenAt = Instant.now();
                victim.freeze();
                // Thawed as soon as it is out, while the survivor takes its logs over and catches up: the
                // survivor then lags the tree heads the thawed watcher starts its newly taken logs at.
                awaitRemovalLogged(victim, frozenAt);
                thawUntilMerged(victim);
                FlowChecks.awaitEveryLogAdvances(clients(), logs, System.nanoTime(), ADVANCE, FLOW_DEADLINE);
                report.add("cycle %d: duplicates dropped by the broker rose by %d across the freeze and thaw of %s",
                        cycle, duplicatesDropped() - duplicatesBefore, victim.name());
                FlowChecks.assertIntact(allClients, logs);
            }
        });
    }

    /**
     * SIGCONT, then waits until the member's /stats says Hazelcast merged it back and it sees every running
     * member again; reports what it did meanwhile.
     */
    private void thawUntilMerged(ServerProcess thawed) {
        Instant at = Instant.now();
        thawed.thaw();
        Wait.until(thawed.name() + " merged back into the cluster", FLOW_DEADLINE,
                () -> NodeStats.lastMerge(thawed) >= at.toEpochMilli() && NodeStats.members(thawed).size() == running().size());
        Instant merged = Instant.ofEpochMilli(NodeStats.lastMerge(thawed));
        List<String> notable = NodeLogs.linesSince(thawed, at).stream()
                .filter(line -> line.startsWith("Members {") || line.contains("now followed") || line.contains("handed over")
                        || line.contains("first seen") || line.contains("resuming at") || line.contains("Mastership is claimed"))
                .limit(QUOTED_LINES).toList();
        report.add("THAWED %s: merged back %d ms after SIGCONT; meanwhile:\n      %s", thawed.name(),
                Duration.between(at, merged).toMillis(), String.join("\n      ", notable));
    }

    /** The broker's count of certificates it dropped as already seen, through the first gateway. */
    private long duplicatesDropped() {
        JsonNode stats = Http.get("http://127.0.0.1:" + gateways.get(0).httpPort() + "/stats").json();
        return stats.path("duplicates_dropped").asLong();
    }
}
