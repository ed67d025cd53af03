package dev.certstream.systest;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGSTOP of a watcher, then of a broker, on one clustered deployment: the frozen member is removed within
 * the 15 s the deployment promises (as every survivor's Hazelcast member list shows), its work continues
 * elsewhere, the gateways' routes never hang meanwhile, and clients see no gap and no duplicate, also
 * after the frozen member is thawed (SIGCONT). What the thawed member then does is reported.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFreezeIT extends ClusterTestBase {

    /** The deployment's promise (CERTSTREAM_CLUSTER_FAILURE_TIMEOUT 10 s plus detection): out within 15 s. */
    static final Duration REMOVAL_BOUND = Duration.ofSeconds(15);
    /** Consecutive clean /stats samples that must match the client: covers both broker replicas in turn. */
    static final int STREAK = 4;
    /** Lines of a thawed member's log quoted in the report. */
    private static final int QUOTED_LINES = 12;

    /** A freeze as the survivors saw it: when, every gateway call meanwhile, when each member noticed. */
    private record Freeze(Instant at, long nanos, List<RoutePoller.Call> calls, Map<ServerProcess, Duration> removal) {
    }

    @Test
    @Order(1)
    void frozenWatcherIsRemovedAndItsLogsResumeElsewhere() {
        scenario("watcher SIGSTOP", () -> {
            Map<ServerProcess, Set<String>> ownership = awaitSettledOwnership();
            ServerProcess victim = busiest(ownership);
            Set<String> frozenLogs = ownership.get(victim);
            ServerProcess survivor = watchers.stream().filter(w -> w != victim).findFirst().orElseThrow();
            Freeze freeze = freezeWhilePolling(victim, routes("/ready", "/stats"));
            // A watcher takes no part in answering routes: none may fail, even before its removal.
            List<String> failed = freeze.calls().stream().filter(c -> c.status() != 200)
                    .map(c -> Measures.describe(c, freeze.nanos())).toList();
            assertEquals(List.of(), failed, "gateway calls that failed while a watcher was frozen");
            FlowChecks.assertIntact(allClients, logs);
            report.add("froze %s, which followed %s; every log flowed on, streams contiguous without duplicates",
                    victim.name(), frozenLogs);
            measures.silences(clients(), frozenLogs, freeze.nanos(), "watcher freeze");
            measures.takeovers(survivor, frozenLogs, freeze.at(), freeze.nanos(), clients().get(0));

            thawAndAudit(victim, watchers);
        });
    }

    @Test
    @Order(2)
    void frozenBrokerIsRemovedAndNoRouteHangs() {
        scenario("broker SIGSTOP", () -> {
            for (ServerProcess gateway : gateways) {
                StatsChecks.awaitCountsMatchClient(gateway, clientOf.get(gateway), logs, STREAK, FLOW_DEADLINE);
            }
            ServerProcess victim = brokers.get(0);
            Freeze freeze = freezeWhilePolling(victim, routes("/ready", "/stats", "/latest.json"));
            // Requests sent to the frozen broker time out (503 after CERTSTREAM_BROKER_TIMEOUT); once a gateway
            // has dropped it from the cluster, every request must succeed.
            assertAllAnsweredOnceRemoved(freeze.calls(), freeze.removal(), freeze.nanos());
            FlowChecks.assertIntact(allClients, logs);
            for (ServerProcess gateway : gateways) {
                StatsChecks.awaitCountsMatchClient(gateway, clientOf.get(gateway), logs, STREAK, FLOW_DEADLINE);
                StatsChecks.awaitLatestIsCurrent(gateway, clientOf.get(gateway), FLOW_DEADLINE);
            }
            report.add("froze %s: the other replica answered; /stats matches the clients, /latest.json current", victim.name());

            thawAndAudit(victim, brokers);
        });
    }

    /**
     * Freezes {@code victim} while polling {@code urls}; waits until every survivor logged its removal
     * (asserting the bound) and every log flowed on; fails if a call took {@link Measures#CALL_BOUND}.
     */
    private Freeze freezeWhilePolling(ServerProcess victim, List<String> urls) {
        Instant at;
        long nanos;
        Map<ServerProcess, Duration> removal;
        List<RoutePoller.Call> calls;
        try (RoutePoller poller = RoutePoller.start(urls, Duration.ofMillis(250))) {
            Await.until("the poller's first answers", FLOW_DEADLINE, () -> poller.calls().size() >= urls.size());
            at = Instant.now();
            nanos = System.nanoTime();
            victim.freeze();
            removal = awaitRemovalLogged(victim, at);
            FlowChecks.awaitEveryLogAdvances(clients(), logs, nanos, ADVANCE, FLOW_DEADLINE);
            poller.close();
            calls = poller.calls();
        }
        Duration slowest = removal.values().stream().max(Duration::compareTo).orElseThrow();
        report.add("REMOVAL of frozen %s logged by the survivors after: %s (slowest %d ms, bound %d s)",
                victim.name(), describe(removal), slowest.toMillis(), REMOVAL_BOUND.toSeconds());
        assertTrue(slowest.compareTo(REMOVAL_BOUND) <= 0,
                victim.name() + " frozen but still a member after " + slowest.toMillis() + " ms: " + describe(removal));
        measures.calls(calls, nanos);
        return new Freeze(at, nanos, calls, removal);
    }

    /**
     * SIGCONT, then: every log keeps flowing to every client without gap or duplicate and /stats keeps
     * matching the clients (a stale broker answering again would break that) while the thawed member finds
     * out it was removed; reports what it did (readiness, membership, its own log), then kills it so the
     * next scenario starts from a known deployment.
     */
    private void thawAndAudit(ServerProcess thawed, List<ServerProcess> role) {
        Instant at = Instant.now();
        long nanos = System.nanoTime();
        thawed.thaw();
        FlowChecks.awaitEveryLogAdvances(clients(), logs, nanos, 3 * ADVANCE, FLOW_DEADLINE);
        for (ServerProcess gateway : gateways) {
            StatsChecks.awaitCountsMatchClient(gateway, clientOf.get(gateway), logs, STREAK, FLOW_DEADLINE);
        }
        FlowChecks.assertIntact(allClients, logs);
        String id = NodeLogs.memberId(thawed).orElse("?");
        boolean rejoined = gateways.stream().flatMap(g -> NodeLogs.memberLists(g).stream())
                .anyMatch(list -> !list.at().isBefore(at) && list.members().contains(id));
        int ready = Http.statusOrMinusOne(java.net.URI.create("http://127.0.0.1:" + thawed.httpPort() + "/ready"));
        List<String> ownLog = NodeLogs.linesSince(thawed, at);
        List<String> notable = ownLog.stream().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                || line.startsWith("Members {") || line.contains("now followed") || line.contains("handed over")
                || line.contains("merg")).limit(QUOTED_LINES).toList();
        report.add("THAWED %s: alive %s, /ready %d, back in the gateways' member lists: %s; streams still intact;"
                        + " %d log lines since, notable:\n      %s", thawed.name(), thawed.isAlive(), ready, rejoined,
                ownLog.size(), String.join("\n      ", notable));
        thawed.kill();
        role.remove(thawed);
    }
}
