package dev.certstream.systest;

import dev.certstream.systest.check.FlowChecks;
import dev.certstream.systest.check.NodeStats;

import dev.certstream.systest.client.ArrivalRecorder;

import dev.certstream.systest.process.ServerProcess;

import dev.certstream.testing.Wait;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two watchers starting together must end up following every log between them. Reproduces a lock that
 * is taken but never followed nor released: the log then has no follower for as long as its holder lives.
 * Each round starts two fresh watchers at once next to a running broker and gateway, and kills them after.
 */
class WatcherStartRaceIT {

    /** Rounds tried: a round hits the race about half the time (the first watcher registers alone). */
    private static final int ROUNDS = 5;
    /** Long enough for every log to flow many times over once both watchers are ready (~2 s normally). */
    private static final Duration FLOW_DEADLINE = Duration.ofSeconds(60);
    private static final int LOGS = 4;

    @Test
    void twoWatchersStartingTogetherFollowEveryLog() {
        ClusterReport report = new ClusterReport(getClass().getSimpleName());
        try (ClusterDeployment cluster = ClusterDeployment.create(getClass().getSimpleName())) {
            cluster.startSimulator(LOGS / 2, LOGS / 2, ClusterTestBase.GROWTH);
            ServerProcess broker = cluster.startBroker("broker-1");
            ServerProcess gateway = cluster.startGateway("gateway-1");
            ClusterDeployment.awaitReady(broker, gateway);
            try (ArrivalRecorder client = ArrivalRecorder.connect("client", "ws://127.0.0.1:" + gateway.httpPort() + "/")) {
                for (int round = 1; round <= ROUNDS; round++) {
                    List<ServerProcess> watchers = List.of(cluster.startWatcher("watcher-" + round + "a"),
                            cluster.startWatcher("watcher-" + round + "b"));
                    watchers.forEach(ClusterDeployment::awaitReady);
                    long ready = System.nanoTime();
                    try {
                        Wait.until("every log flowing in round " + round, FLOW_DEADLINE, () -> client.logs().size() == LOGS
                                && client.logs().stream().allMatch(log -> client.countSince(log, ready) >= ClusterTestBase.ADVANCE));
                    } catch (AssertionError e) {
                        throw new AssertionError("round " + round + ": " + e.getMessage() + "; " + evidence(watchers)
                                + "\n" + cluster.tails(25), e);
                    }
                    report.add("round %d: every log flowing; %s", round, evidence(watchers));
                    watchers.forEach(ServerProcess::kill);
                }
                FlowChecks.assertIntact(List.of(client), client.logs());
            }
        }
    }

    /** Per watcher: the logs it locked, and those among them it never started following. */
    private static String evidence(List<ServerProcess> watchers) {
        List<String> parts = new ArrayList<>();
        for (ServerProcess watcher : watchers) {
            Set<String> held = NodeStats.heldLogs(watcher);
            Set<String> idle = new TreeSet<>();
            for (String log : held) {
                boolean started = NodeStats.follower(watcher, log).path("started_from").isTextual();
                if (!started) {
                    idle.add(log);
                }
            }
            parts.add(watcher.name() + " holds " + held + (idle.isEmpty() ? "" : ", LOCKED BUT NEVER FOLLOWED: " + idle));
        }
        return String.join("; ", parts);
    }
}
