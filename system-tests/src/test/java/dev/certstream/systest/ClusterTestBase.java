package dev.certstream.systest;

import dev.certstream.systest.check.FlowChecks;
import dev.certstream.systest.check.Measures;
import dev.certstream.systest.check.NodeStats;

import dev.certstream.systest.client.ArrivalRecorder;
import dev.certstream.systest.client.RoutePoller;

import dev.certstream.systest.process.RepoPaths;
import dev.certstream.systest.process.ServerProcess;

import dev.certstream.testing.Wait;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One clustered deployment shared by a test class's scenarios: a simulator with 2 RFC 6962 and 2 tiled
 * logs, 2 watchers, 2 brokers and 2 gateways as separate JVMs, and a lite-stream client on each gateway
 * connected before the first certificate (so it sees every certificate the brokers count). Scenarios run
 * in order and keep the deployment usable for the next one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterTestBase {

    static final int LOGS_PER_KIND = 2;
    /** Entries per second each simulated log gains: steady traffic that 2 shared cores keep up with. */
    static final double GROWTH = 15;
    /** Deadline for anything to flow or recover; generous because the box is shared and slow. */
    static final Duration FLOW_DEADLINE = Duration.ofMinutes(2);
    /** Certificates of each log every client must get after an event before its effects are judged (~2 s). */
    static final int ADVANCE = 30;
    /** The deployment's promise (CERTSTREAM_CLUSTER_FAILURE_TIMEOUT 10 s plus detection): out within 15 s. */
    static final Duration REMOVAL_BOUND = Duration.ofSeconds(15);
    /** After Hazelcast logs a member's removal, Vert.x still needs a moment to drop its subscriptions. */
    static final Duration SUBSCRIPTION_CLEANUP = Duration.ofSeconds(1);
    /** Consecutive clean /stats samples that must match the client: covers both broker replicas in turn. */
    static final int STREAK = 4;
    /** How long log ownership must stay unchanged before a scenario picks a watcher by what it follows. */
    static final Duration OWNERSHIP_SETTLED = Duration.ofSeconds(5);

    final ClusterReport report = new ClusterReport(getClass().getSimpleName());
    final Measures measures = new Measures(report);
    ClusterDeployment cluster;
    final List<ServerProcess> watchers = new ArrayList<>();
    final List<ServerProcess> brokers = new ArrayList<>();
    final List<ServerProcess> gateways = new ArrayList<>();
    /** The client of each live gateway. */
    final Map<ServerProcess, ArrivalRecorder> clientOf = new LinkedHashMap<>();
    /** Every client ever connected, including those of killed gateways (their history must be intact too). */
    final List<ArrivalRecorder> allClients = new ArrayList<>();
    List<String> logs;
    private long classStartNanos;

    @BeforeAll
    void startDeployment() {
        classStartNanos = System.nanoTime();
        cluster = createDeployment();
        scenario("deployment start", () -> {
            cluster.startSimulator(rfc6962Logs(), tiledLogs(), GROWTH, simulatorOptions());
            // broker-1 alone first: the oldest member is Hazelcast's master, so every test knows which one
            // it is (ClusterFreezeIT freezes it).
            brokers.add(cluster.startBroker("broker-1"));
            ClusterDeployment.awaitReady(brokers.get(0));
            brokers.add(cluster.startBroker("broker-2"));
            gateways.add(cluster.startGateway("gateway-1"));
            gateways.add(cluster.startGateway("gateway-2"));
            brokers.forEach(ClusterDeployment::awaitReady);
            gateways.forEach(ClusterDeployment::awaitReady);
            for (ServerProcess gateway : gateways) {
                ArrivalRecorder client = ArrivalRecorder.connect(gateway.name() + "-client",
                        gateway.url("/").replaceFirst("^http", "ws"));
                clientOf.put(gateway, client);
                allClients.add(client);
            }
            // One watcher first, the second once the first follows everything: two watchers starting together
            // can leave a log locked but unfollowed (WatcherStartRaceIT), which is not what these tests are about.
            long watchersStart = System.nanoTime();
            watchers.add(cluster.startWatcher("watcher-1"));
            ClusterDeployment.awaitReady(watchers.get(0));
            int expected = rfc6962Logs() + tiledLogs();
            Wait.until("every client hearing from " + expected + " logs", FLOW_DEADLINE,
                    () -> clients().stream().allMatch(c -> c.logs().size() >= expected));
            logs = List.copyOf(new TreeSet<>(clients().get(0).logs()));
            FlowChecks.awaitEveryLogAdvances(clients(), logs, watchersStart, ADVANCE, FLOW_DEADLINE);
            long secondStart = System.nanoTime();
            watchers.add(cluster.startWatcher("watcher-2"));
            ClusterDeployment.awaitReady(watchers.get(1));
            awaitSettledOwnership();
            FlowChecks.awaitEveryLogAdvances(clients(), logs, secondStart, ADVANCE, FLOW_DEADLINE);
            report.add("cluster '%s' up, certificates flowing to both gateways' clients after %d s; logs %s",
                    cluster.clusterName(), seconds(System.nanoTime() - classStartNanos), logs);
        });
    }

    @AfterAll
    void stopDeployment() {
        try {
            for (ArrivalRecorder client : allClients) {
                report.add("%s: %d certificates, %d heartbeats, closed: %s", client, client.certificates(),
                        client.heartbeats(), client.closed().isDone() ? client.closed().join() : "no");
                client.close();
            }
            report.add("whole class: %d s", seconds(System.nanoTime() - classStartNanos));
            report.write(RepoPaths.target().resolve(getClass().getSimpleName() + "-report.txt"));
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** The deployment this class runs: on loopback, unless a subclass places its roles elsewhere. */
    ClusterDeployment createDeployment() { return ClusterDeployment.create(getClass().getSimpleName(), roleJvmOptions()); }
    /** More simulator options for this class's deployment (none by default). */
    String[] simulatorOptions() { return new String[0]; }

    /** RFC 6962 logs the simulator serves. */
    int rfc6962Logs() { return LOGS_PER_KIND; }

    /** Tiled (static-ct-api) logs the simulator serves. */
    int tiledLogs() {
        return LOGS_PER_KIND;
    }

    /**
     * Extra JVM options for every watcher, broker and gateway of this class's deployment: none by default,
     * plus whatever the {@code certstream.systest.roleJvmOptions} property lists (space-separated), for
     * experiments such as a Hazelcast system property.
     */
    String[] roleJvmOptions() {
        String extra = System.getProperty("certstream.systest.roleJvmOptions", "").trim();
        return extra.isEmpty() ? new String[0] : extra.split("\\s+");
    }

    /** Runs one scenario, reporting its duration; a failure carries every node's last log lines. */
    void scenario(String name, Runnable body) {
        long start = System.nanoTime();
        try {
            body.run();
            report.add("%s: passed in %d s", name, seconds(System.nanoTime() - start));
        } catch (AssertionError | RuntimeException e) {
            report.add("%s: FAILED after %d s: %s", name, seconds(System.nanoTime() - start), e.getMessage());
            throw new AssertionError(name + " failed: " + e.getMessage() + ClusterDiagnostics.membership(running())
                    + ClusterDiagnostics.stats(gateways)
                    + "\n---- last lines of every node:" + cluster.tails(30), e);
        }
    }

    /** Every watcher, broker and gateway still running (frozen ones included). */
    List<ServerProcess> running() {
        List<ServerProcess> running = new ArrayList<>();
        for (List<ServerProcess> role : List.of(watchers, brokers, gateways)) {
            role.stream().filter(ServerProcess::isAlive).forEach(running::add);
        }
        return running;
    }

    /** The clients of the live gateways. */
    List<ArrivalRecorder> clients() {
        return new ArrayList<>(clientOf.values());
    }

    /**
     * Waits until every log is held by exactly one live watcher (as their /stats say) and that has not
     * changed for {@link #OWNERSHIP_SETTLED}; returns each watcher's logs.
     */
    Map<ServerProcess, Set<String>> awaitSettledOwnership() {
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        AtomicLong seenSince = new AtomicLong();
        Wait.until("every log followed by exactly one watcher, unchanged for " + OWNERSHIP_SETTLED.toSeconds() + " s",
                FLOW_DEADLINE, () -> {
                    Map<String, String> owners = new TreeMap<>();
                    for (ServerProcess watcher : watchers) {
                        for (String log : NodeStats.heldLogs(watcher)) {
                            if (owners.put(log, watcher.name()) != null) {
                                seen.set(null);
                                return false;
                            }
                        }
                    }
                    if (!owners.keySet().equals(new TreeSet<>(logs))) {
                        seen.set(null);
                        return false;
                    }
                    if (!owners.equals(seen.get())) {
                        seen.set(owners);
                        seenSince.set(System.nanoTime());
                        return false;
                    }
                    return System.nanoTime() - seenSince.get() >= OWNERSHIP_SETTLED.toNanos();
                });
        Map<ServerProcess, Set<String>> byWatcher = new LinkedHashMap<>();
        for (ServerProcess watcher : watchers) {
            byWatcher.put(watcher, NodeStats.heldLogs(watcher));
        }
        report.add("log ownership: %s", describe(byWatcher));
        return byWatcher;
    }

    /** The watcher following the most logs. */
    static ServerProcess busiest(Map<ServerProcess, Set<String>> ownership) {
        return ownership.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size()))
                .orElseThrow().getKey();
    }

    /** Waits until every running member but {@code gone} logged a member list without it; each one's delay. */
    Map<ServerProcess, Duration> awaitRemovalLogged(ServerProcess gone, Instant since) {
        List<ServerProcess> observers = running();
        observers.remove(gone);
        return ClusterDiagnostics.awaitRemovalLogged(observers, gone, since, FLOW_DEADLINE);
    }

    /** The URLs of {@code paths} on every live gateway. */
    List<String> routes(String... paths) {
        List<String> urls = new ArrayList<>();
        for (ServerProcess gateway : gateways) {
            for (String path : paths) {
                urls.add(gateway.url(path));
            }
        }
        return urls;
    }

    /**
     * Fails listing the calls to a gateway that were sent once that gateway had logged {@code gone}'s
     * removal (plus {@link #SUBSCRIPTION_CLEANUP} for Vert.x to drop the member's event-bus subscriptions)
     * and still did not answer 200: from then on the survivors must serve every request.
     */
    void assertAllAnsweredOnceRemoved(List<RoutePoller.Call> calls, Map<ServerProcess, Duration> removal,
                                      long eventNanos) {
        List<String> failed = new ArrayList<>();
        for (ServerProcess gateway : gateways) {
            long removedNanos = eventNanos + removal.get(gateway).plus(SUBSCRIPTION_CLEANUP).toNanos();
            String prefix = gateway.url("/");
            calls.stream().filter(c -> c.url().startsWith(prefix) && c.startNanos() > removedNanos && c.status() != 200)
                    .forEach(c -> failed.add(Measures.describe(c, eventNanos)));
        }
        if (!failed.isEmpty()) {
            throw new AssertionError("calls failed after the gateway knew the member was gone:\n  " + String.join("\n  ", failed));
        }
    }

    /** A freeze as the survivors saw it: when, every gateway call meanwhile, when each member noticed. */
    record Freeze(Instant at, long nanos, List<RoutePoller.Call> calls, Map<ServerProcess, Duration> removal) {
    }

    /**
     * Freezes {@code victim} while polling {@code urls}; waits until every survivor logged its removal
     * (asserting the bound) and every log flowed on; fails if a call took {@link Measures#CALL_BOUND}.
     */
    Freeze freezeWhilePolling(ServerProcess victim, List<String> urls) {
        Instant at;
        long nanos;
        Map<ServerProcess, Duration> removal;
        List<RoutePoller.Call> calls;
        try (RoutePoller poller = RoutePoller.start(urls, Duration.ofMillis(250))) {
            Wait.until("the poller's first answers", FLOW_DEADLINE, () -> poller.calls().size() >= urls.size());
            at = Instant.now();
            nanos = System.nanoTime();
            victim.freeze();
            removal = awaitRemovalLogged(victim, at);
            // Fail fast, and name it, when the freeze costs the cluster healthy members too.
            Wait.until("every log flowing on after " + victim.name() + " froze", FLOW_DEADLINE, () -> {
                ClusterDiagnostics.droppedHealthyMember(running(), victim).ifPresent(dropped -> {
                    throw new AssertionError("freezing " + victim.name() + " split the cluster: " + dropped);
                });
                return clients().stream().allMatch(c -> logs.stream().allMatch(log -> c.countSince(log, nanos) >= ADVANCE));
            });
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

    static String describe(Map<ServerProcess, ?> byProcess) {
        StringBuilder out = new StringBuilder();
        byProcess.forEach((process, value) -> out.append(out.isEmpty() ? "" : ", ").append(process.name()).append('=')
                .append(value instanceof Duration d ? d.toMillis() + " ms" : value));
        return out.toString();
    }

    static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
    }
}
