package dev.certstream.systest;

import dev.certstream.systest.check.FlowChecks;
import dev.certstream.systest.check.Measures;
import dev.certstream.systest.check.NodeStats;
import dev.certstream.systest.check.StatsChecks;

import dev.certstream.systest.client.ArrivalRecorder;
import dev.certstream.systest.client.Http;
import dev.certstream.systest.client.RoutePoller;

import dev.certstream.systest.process.ServerProcess;

import dev.certstream.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a watcher, a broker and a gateway, one after the other, on one clustered deployment: every
 * log keeps flowing, clients see no gap and no duplicate, the counts in /stats stay exactly what the
 * clients received, and /latest.json stays current. Takeover times are measured and reported.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT extends ClusterTestBase {


    @Test
    @Order(1)
    void killedWatchersLogsAreTakenOverWithoutGapOrDuplicate() {
        scenario("watcher kill -9", () -> {
            Map<ServerProcess, Set<String>> ownership = awaitSettledOwnership();
            ServerProcess victim = busiest(ownership);
            Set<String> orphaned = ownership.get(victim);
            ServerProcess survivor = watchers.stream().filter(w -> w != victim).findFirst().orElseThrow();
            Instant killAt = Instant.now();
            long killNanos = System.nanoTime();
            victim.kill();
            watchers.remove(victim);

            FlowChecks.awaitEveryLogAdvances(clients(), logs, killNanos, ADVANCE, FLOW_DEADLINE);
            FlowChecks.assertIntact(allClients, logs);
            report.add("killed %s, which followed %s; the streams stayed contiguous without duplicates", victim.name(), orphaned);
            measures.silences(clients(), orphaned, killNanos, "watcher kill");
            measures.takeovers(survivor, orphaned, killAt, killNanos, clients().get(0));
            assertTrue(NodeStats.heldLogs(survivor).containsAll(orphaned),
                    survivor.name() + " did not take over " + orphaned + ": " + NodeStats.heldLogs(survivor));
            for (String log : orphaned) {
                JsonNode follower = NodeStats.follower(survivor, log);
                assertEquals("progress", follower.path("started_from").asText(),
                        survivor.name() + " did not resume " + log + " from the cluster's progress: " + follower);
                // It keeps verifying from the frontier in the cluster's progress, without placing it again.
                long resumedAt = follower.path("start_index").asLong();
                Wait.until(survivor.name() + " verifying " + log + " past " + resumedAt, FLOW_DEADLINE, () ->
                        NodeStats.follower(survivor, log).path("verified_size").asLong(-1) > resumedAt + ADVANCE);
                JsonNode verifying = NodeStats.follower(survivor, log);
                assertEquals(0, verifying.path("verified_from").asLong(-1), log + " was placed again: " + verifying);
                assertTrue(verifying.path("misbehaviour").isNull(), log + ": " + verifying);
                for (ArrivalRecorder client : clients()) {
                    assertEquals(List.of(), client.unverifiedFrom(log, resumedAt),
                            client.name() + ": entries of " + log + " that came unverified after the takeover");
                }
            }
            report.add("the taken-over logs went on verified from the frontier in the cluster's progress");
            report.add("removal of the killed watcher logged by the survivors after: %s",
                    describe(awaitRemovalLogged(victim, killAt)));

            // A replacement, so two watchers share the logs again (a live handover to it is audited later).
            ServerProcess replacement = cluster.startWatcher("watcher-3");
            ClusterDeployment.awaitReady(replacement);
            watchers.add(replacement);
        });
    }

    @Test
    @Order(2)
    void killedBrokerLeavesCountsAndLatestExact() {
        scenario("broker kill -9", () -> {
            Map<ServerProcess, Map<String, Long>> before = new java.util.LinkedHashMap<>();
            for (ServerProcess gateway : gateways) {
                JsonNode stats = StatsChecks.awaitCountsMatchClient(gateway, clientOf.get(gateway), logs, STREAK, FLOW_DEADLINE);
                before.put(gateway, StatsChecks.processedPerLog(stats, logs));
                StatsChecks.awaitLatestIsCurrent(gateway, clientOf.get(gateway), FLOW_DEADLINE);
            }
            BrokerKill kill = killBrokerWhilePolling(brokers.get(0), Duration.ofMillis(200));
            // Requests already on their way to the dead broker time out (503); once a gateway knows, none may fail.
            assertAllAnsweredOnceRemoved(kill.calls(), kill.removal(), kill.nanos());
            for (ServerProcess gateway : gateways) {
                JsonNode stats = StatsChecks.awaitCountsMatchClient(gateway, clientOf.get(gateway), logs, STREAK, FLOW_DEADLINE);
                Map<String, Long> after = StatsChecks.processedPerLog(stats, logs);
                for (String log : logs) {
                    assertTrue(after.get(log) > before.get(gateway).get(log),
                            gateway.name() + " " + log + ": processed went from " + before.get(gateway).get(log) + " to " + after.get(log));
                }
                StatsChecks.awaitLatestIsCurrent(gateway, clientOf.get(gateway), FLOW_DEADLINE);
                report.add("%s after the broker kill: /stats counts equal what its client received (%d certificates);"
                        + " /latest.json current", gateway.name(), stats.path("processed_certificates").asLong());
            }
            FlowChecks.assertIntact(allClients, logs);

            // A new replica copies the survivor's state; from then on both must count exactly alike.
            ServerProcess replacement = cluster.startBroker("broker-3");
            ClusterDeployment.awaitReady(replacement);
            brokers.add(replacement);
            assertTrue(NodeStats.of(replacement).path("copies_from_peer").asInt() >= 1,
                    replacement.name() + " did not copy a live replica's state: " + NodeStats.of(replacement));
            for (ServerProcess gateway : gateways) {
                StatsChecks.awaitCountsMatchClient(gateway, clientOf.get(gateway), logs, STREAK, FLOW_DEADLINE);
            }
            report.add("%s copied the survivor's state; /stats from both replicas matches the clients", replacement.name());
        });
    }

    /** A broker kill as the gateways' routes saw it: every call around it, and when each member noticed. */
    private record BrokerKill(long nanos, List<RoutePoller.Call> calls, Map<ServerProcess, Duration> removal) {
    }

    /** Kills {@code victim} while polling /stats and /latest.json on every gateway; waits until the logs flow on. */
    private BrokerKill killBrokerWhilePolling(ServerProcess victim, Duration pause) {
        List<RoutePoller.Call> calls;
        long killNanos;
        Instant killAt;
        try (RoutePoller poller = RoutePoller.start(routes("/stats", "/latest.json"), pause)) {
            Wait.until("the poller's first answers", FLOW_DEADLINE, () -> poller.calls().size() >= 4);
            killAt = Instant.now();
            killNanos = System.nanoTime();
            victim.kill();
            brokers.remove(victim);
            FlowChecks.awaitEveryLogAdvances(clients(), logs, killNanos, ADVANCE, FLOW_DEADLINE);
            poller.close();
            calls = poller.calls();
        }
        Map<ServerProcess, Duration> removal = awaitRemovalLogged(victim, killAt);
        report.add("killed %s; its removal logged by the survivors after: %s", victim.name(), describe(removal));
        measures.calls(calls, killNanos);
        return new BrokerKill(killNanos, calls, removal);
    }

    @Test
    @Order(4)
    void noRouteFailsWhileABrokerIsKilled() {
        scenario("broker kill -9, strict", () -> {
            BrokerKill kill = killBrokerWhilePolling(brokers.get(0), Duration.ofMillis(50));
            List<String> failed = kill.calls().stream().filter(c -> c.startNanos() + c.millis() * 1_000_000 >= kill.nanos()
                    && c.status() != 200).map(c -> Measures.describe(c, kill.nanos())).toList();
            assertEquals(List.of(), failed, "calls that failed although a broker replica was alive");
        });
    }

    @Test
    @Order(3)
    void killedGatewayLeavesTheOtherGatewaysClientsUntouched() throws Exception {
        scenario("gateway kill -9", () -> {
            ServerProcess survivor = gateways.get(0);
            ServerProcess victim = gateways.get(1);
            ArrivalRecorder kept = clientOf.get(survivor);
            ArrivalRecorder lost = clientOf.get(victim);
            awaitDeploymentWideUsers(survivor, 2, 2);
            long killNanos = System.nanoTime();
            victim.kill();
            gateways.remove(victim);
            clientOf.remove(victim);
            int closeCode = lost.closed().orTimeout(30, TimeUnit.SECONDS).join();
            FlowChecks.awaitEveryLogAdvances(List.of(kept), logs, killNanos, 2 * ADVANCE, FLOW_DEADLINE);
            FlowChecks.assertOpen(kept);
            FlowChecks.assertIntact(allClients, logs);
            report.add("killed %s: its client ended with %d; %s's client stayed open, contiguous, no duplicate",
                    victim.name(), closeCode, survivor.name());
            measures.silences(List.of(kept), logs, killNanos, "gateway kill");
            awaitDeploymentWideUsers(survivor, 1, 1);
            StatsChecks.awaitCountsMatchClient(survivor, kept, logs, STREAK, FLOW_DEADLINE);
            report.add("/stats on %s: gateways.count and gateways.current_users back to 1; counts still match", survivor.name());
        });
    }

    /** Waits until {@code /stats} says the deployment has {@code count} gateways and {@code users} clients. */
    private void awaitDeploymentWideUsers(ServerProcess gateway, int count, int users) {
        String url = "http://127.0.0.1:" + gateway.httpPort() + "/stats";
        Wait.until(url + " showing " + count + " gateways and " + users + " users", FLOW_DEADLINE, () -> {
            JsonNode deployment = Http.get(url).json().path("gateways");
            return deployment.path("count").asInt() == count && deployment.path("current_users").asInt() == users;
        });
    }
}
