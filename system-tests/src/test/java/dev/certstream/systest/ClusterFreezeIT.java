package dev.certstream.systest;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGSTOP of a watcher, then of the broker that is the cluster's master, on one clustered deployment: the
 * frozen member is removed within the 15 s the deployment promises (as every survivor's Hazelcast member
 * list shows) and no healthy member is dropped with it, its work continues elsewhere, the gateways' routes
 * never hang meanwhile, and clients see no gap and no duplicate. The frozen member is then killed; what a
 * thawed one does is {@link ClusterThawIT}'s subject.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFreezeIT extends ClusterTestBase {

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

            killFrozen(victim, watchers);
        });
    }

    /** The master is the hardest member to lose: the others must first agree on a new one. */
    @Test
    @Order(2)
    void frozenMasterBrokerIsRemovedAndNoRouteHangs() {
        scenario("master broker SIGSTOP", () -> {
            for (ServerProcess gateway : gateways) {
                StatsChecks.awaitCountsMatchClient(gateway, clientOf.get(gateway), logs, STREAK, FLOW_DEADLINE);
            }
            ServerProcess victim = brokers.get(0);
            assertTrue(NodeStats.isMaster(victim), victim.name() + " started first but is not the cluster's master: "
                    + NodeStats.of(victim).path("cluster"));
            Freeze freeze = freezeWhilePolling(victim, routes("/ready", "/stats", "/latest.json"));
            // Requests sent to the frozen broker time out (503 after CERTSTREAM_BROKER_TIMEOUT); once a gateway
            // has dropped it from the cluster, every request must succeed.
            assertAllAnsweredOnceRemoved(freeze.calls(), freeze.removal(), freeze.nanos());
            FlowChecks.assertIntact(allClients, logs);
            for (ServerProcess gateway : gateways) {
                StatsChecks.awaitCountsMatchClient(gateway, clientOf.get(gateway), logs, STREAK, FLOW_DEADLINE);
                StatsChecks.awaitLatestIsCurrent(gateway, clientOf.get(gateway), FLOW_DEADLINE);
            }
            report.add("froze %s, the cluster's master: the other replica answered; /stats matches the clients,"
                    + " /latest.json current", victim.name());

            killFrozen(victim, brokers);
        });
    }

    /** Ends the frozen member (its thaw is ClusterThawIT's subject) and checks the rest did not notice. */
    private void killFrozen(ServerProcess frozen, List<ServerProcess> role) {
        long nanos = System.nanoTime();
        frozen.kill();
        role.remove(frozen);
        FlowChecks.awaitEveryLogAdvances(clients(), logs, nanos, ADVANCE, FLOW_DEADLINE);
        FlowChecks.assertIntact(allClients, logs);
        report.add("killed the frozen %s: every log flowed on, streams intact", frozen.name());
    }
}
