package dev.certstream.systest;

import dev.certstream.systest.check.FlowChecks;
import dev.certstream.systest.check.Measures;
import dev.certstream.systest.check.NodeStats;
import dev.certstream.systest.check.StatsChecks;

import dev.certstream.systest.client.ArrivalRecorder;

import dev.certstream.systest.process.ServerProcess;

import dev.certstream.testing.Wait;
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

    /** Certificates of the filtered log each filtered client must receive before the comparison. */
    private static final int FILTERED_ARRIVALS = 20;

    @Test
    @Order(0)
    void aFilteredClientOnEachGatewayGetsTheSameSlice() {
        scenario("filtered clients", () -> {
            String log = logs.get(0);
            String query = "?log=" + java.net.URLEncoder.encode(log, java.nio.charset.StandardCharsets.UTF_8);
            Map<ServerProcess, ArrivalRecorder> filtered = new java.util.LinkedHashMap<>();
            for (ServerProcess gateway : gateways) {
                filtered.put(gateway, ArrivalRecorder.connect(gateway.name() + "-filtered",
                        "ws://127.0.0.1:" + gateway.httpPort() + "/" + query));
            }
            Wait.until("each filtered client got " + FILTERED_ARRIVALS + " certificates of " + log, FLOW_DEADLINE,
                    () -> filtered.values().stream().allMatch(c -> c.arrivals(log).size() >= FILTERED_ARRIVALS));
            List<List<Long>> slices = new java.util.ArrayList<>();
            for (Map.Entry<ServerProcess, ArrivalRecorder> e : filtered.entrySet()) {
                ArrivalRecorder client = e.getValue();
                assertEquals(List.of(log), client.logs(), e.getKey().name() + ": only the filtered log");
                List<Long> got = client.arrivals(log).stream().map(ArrivalRecorder.Arrival::index).toList();
                long first = got.get(0);
                long last = got.get(got.size() - 1);
                Wait.until(e.getKey().name() + "'s unfiltered client reaching index " + last, FLOW_DEADLINE,
                        () -> clientOf.get(e.getKey()).highestIndices().getOrDefault(log, -1L) >= last);
                List<Long> unfiltered = clientOf.get(e.getKey()).arrivals(log).stream().map(ArrivalRecorder.Arrival::index)
                        .filter(i -> i >= first && i <= last).toList();
                assertEquals(unfiltered, got, e.getKey().name() + ": the filtered stream is the unfiltered one's slice");
                slices.add(got);
            }
            long from = Math.max(slices.get(0).get(0), slices.get(1).get(0));
            long to = Math.min(slices.get(0).get(slices.get(0).size() - 1), slices.get(1).get(slices.get(1).size() - 1));
            assertEquals(slices.get(0).stream().filter(i -> i >= from && i <= to).toList(),
                    slices.get(1).stream().filter(i -> i >= from && i <= to).toList(), "both gateways give the same slice");
            filtered.values().forEach(ArrivalRecorder::close);
            report.add("a client filtering %s on each gateway got the unfiltered stream's slice, the same on both", log);
        });
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
