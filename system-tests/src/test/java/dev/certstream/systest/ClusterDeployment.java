package dev.certstream.systest;

import dev.certstream.systest.process.FreePort;
import dev.certstream.systest.process.NetNamespaces;
import dev.certstream.systest.process.ProcessSpec;
import dev.certstream.systest.process.RepoPaths;
import dev.certstream.systest.process.ServerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The clustered deployment as separate JVMs: a CT log simulator, and watchers, brokers and gateways started
 * from their own fat jars, all in one Hazelcast cluster whose name and base port are random per deployment
 * (a leftover cluster from an earlier run can never join this one). On loopback by default; with
 * {@link #inNamespaces} each role runs in a network namespace of its own on a bridge (its namespace's
 * address as cluster host, every member's address in the member list), and the simulator in the root
 * namespace on the bridge, reachable from every namespace whatever the test cuts between them. Closing it
 * kills every JVM it started.
 */
final class ClusterDeployment implements AutoCloseable {

    /** A JVM joining the cluster takes ~7 s alone; on a shared 2-core box with six others, far longer. */
    static final Duration START_DEADLINE = Duration.ofMinutes(3);
    /** Members on one host take the base port and the next ones, up to +20 (the product's port count). */
    private static final int CLUSTER_PORT_SPAN = 21;
    /** Below Linux's ephemeral range (32768+), so no outgoing connection can hold a port we chose. */
    private static final int LOWEST_BASE = 20_000;
    private static final int HIGHEST_BASE = 32_000 - CLUSTER_PORT_SPAN;

    private final String prefix;
    private final String clusterName;
    private final int clusterPort;
    private final Path dataRoot;
    private final List<String> roleJvmOptions;
    private final List<ServerProcess> started = new ArrayList<>();
    /** The namespaces roles run in, or null for loopback. */
    private final NetNamespaces net;
    private int simulatorPort;

    private ClusterDeployment(String prefix, String clusterName, int clusterPort, Path dataRoot, List<String> roleJvmOptions,
                              NetNamespaces net) {
        this.prefix = prefix;
        this.clusterName = clusterName;
        this.clusterPort = clusterPort;
        this.dataRoot = dataRoot;
        this.roleJvmOptions = List.copyOf(roleJvmOptions);
        this.net = net;
    }

    /**
     * A deployment whose processes are named {@code <prefix>-<role name>} (their log files too); every
     * watcher, broker and gateway JVM also gets {@code roleJvmOptions} (e.g. Hazelcast system properties).
     */
    static ClusterDeployment create(String prefix, String... roleJvmOptions) {
        return create(prefix, null, roleJvmOptions);
    }

    /**
     * A deployment whose roles run in {@code net}'s namespaces, one per role name in {@code members} (made
     * now: every member's address must be in the member list from the first start on); closing the
     * deployment closes {@code net}.
     */
    static ClusterDeployment inNamespaces(String prefix, NetNamespaces net, List<String> members, String... roleJvmOptions) {
        members.forEach(net::addMember);
        return create(prefix, net, roleJvmOptions);
    }

    private static ClusterDeployment create(String prefix, NetNamespaces net, String... roleJvmOptions) {
        String name = prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        try {
            Path data = Files.createTempDirectory(Files.createDirectories(RepoPaths.target().resolve("server-data")), prefix + "-");
            return new ClusterDeployment(prefix, name, freeClusterBasePort(), data, List.of(roleJvmOptions), net);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The simulator with {@code rfc6962} + {@code tiled} logs, no faults, each growing {@code growth}/s. */
    ServerProcess startSimulator(int rfc6962, int tiled, double growth, String... extraArgs) {
        simulatorPort = FreePort.pick();
        ProcessSpec spec = ProcessSpec.of(prefix + "-simulator", RepoPaths.fatJar("ctlog-simulator"))
                .withJvmOptions("-Xmx256m", "-XX:+ExitOnOutOfMemoryError").withHttpHost(simulatorHost())
                .withArgs("--host", simulatorHost(), "--port", Integer.toString(simulatorPort), "--rfc6962-logs", Integer.toString(rfc6962),
                        "--tiled-logs", Integer.toString(tiled), "--growth", Double.toString(growth),
                        "--checkpoint-period-ms", "500", "--fault-rate", "0")
                .withArgs(extraArgs)
                .withHttpPort(simulatorPort);
        return track(ServerProcess.start(spec)).awaitHttp("/log_list.json", START_DEADLINE);
    }

    /** A watcher following the simulator's list; probes on its own port. Returns at once. */
    ServerProcess startWatcher(String name) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory(dataRoot, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int health = FreePort.pick();
        return track(ServerProcess.start(role(name, "watcher-verticle", health).withArgs("watcher")
                .withEnv("CERTSTREAM_HEALTH_PORT", health)
                .withEnv("CERTSTREAM_LOG_LIST_URL", logListUrl())
                .withEnv("CERTSTREAM_POLL_INTERVAL", "500ms")
                // Entries go out only once verified: a stall of this loaded machine must not let them out
                // unverified, since the tests check that a takeover keeps verifying.
                .withEnv("CERTSTREAM_VERIFY_WAIT", "60s")
                .withEnv("CERTSTREAM_DATA_DIR", dataDir)));
    }

    /** A broker replica (it copies a live replica's state when there is one). Returns at once. */
    ServerProcess startBroker(String name) {
        int health = FreePort.pick();
        return track(ServerProcess.start(role(name, "broker-verticle", health).withEnv("CERTSTREAM_HEALTH_PORT", health)));
    }

    /** A gateway serving streams and routes on its own port. Returns at once. */
    ServerProcess startGateway(String name) {
        int port = FreePort.pick();
        Path dataDir;
        try {
            // Its replay buffer for resuming clients: a fresh one per gateway, as a new pod has.
            dataDir = Files.createTempDirectory(dataRoot, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return track(ServerProcess.start(role(name, "gateway-verticle", port)
                .withEnv("PORT", port).withEnv("CERTSTREAM_HOST", host(name)).withEnv("CERTSTREAM_DATA_DIR", dataDir)));
    }

    /** Waits until each answers 200 on {@code /ready} (fails at once if one exits). */
    static void awaitReady(ServerProcess... processes) {
        for (ServerProcess process : processes) {
            process.awaitHttp("/ready", START_DEADLINE);
        }
    }

    private ProcessSpec role(String name, String module, int httpPort) {
        ProcessSpec spec = ProcessSpec.of(prefix + "-" + name, RepoPaths.fatJar(module))
                .withJvmOptions("-Xmx256m", "-XX:+ExitOnOutOfMemoryError")
                .withJvmOptions(roleJvmOptions.toArray(String[]::new));
        if (net != null) {
            spec = spec.withLauncher(net.launcher(name)).withHttpHost(host(name));
        }
        return spec
                .withEnv("CERTSTREAM_CLUSTER_NAME", clusterName)
                .withEnv("CERTSTREAM_CLUSTER_MEMBERS", net == null ? "127.0.0.1" : String.join(",", memberAddresses()))
                .withEnv("CERTSTREAM_CLUSTER_HOST", host(name))
                .withEnv("CERTSTREAM_EVENTBUS_PORT", 0)
                .withEnv("CERTSTREAM_CLUSTER_PORT", clusterPort)
                .withEnv("CERTSTREAM_CLUSTER_FAILURE_TIMEOUT", "10s")
                // INFO shows Hazelcast's member lists, from which removal times are read.
                .withEnv("CERTSTREAM_HAZELCAST_LOG_LEVEL", "INFO")
                .withHttpPort(httpPort);
    }

    private synchronized ServerProcess track(ServerProcess process) {
        started.add(process);
        return process;
    }

    String logListUrl() {
        return "http://" + simulatorHost() + ":" + simulatorPort + "/log_list.json";
    }

    /** Where a role binds and is reached: its namespace's address, or loopback. */
    String host(String name) {
        return net == null ? "127.0.0.1" : net.address(name);
    }

    private String simulatorHost() {
        return net == null ? "127.0.0.1" : net.hostAddress();
    }

    /**
     * Every member's address with the one port it listens on, as Kubernetes DNS discovery gives them: with
     * bare addresses Hazelcast would probe a range of ports on each, and after a heal its search for the
     * other side's cluster then took up to 40 s instead of a few.
     */
    private List<String> memberAddresses() {
        return net.members().stream().map(member -> net.address(member) + ":" + clusterPort).toList();
    }

    /** The namespaces the roles run in; fails for a deployment on loopback. */
    NetNamespaces network() {
        if (net == null) {
            throw new IllegalStateException("this deployment runs on loopback, not in namespaces");
        }
        return net;
    }

    String clusterName() {
        return clusterName;
    }

    /** Every process started so far, in start order. */
    synchronized List<ServerProcess> started() {
        return new ArrayList<>(started);
    }

    /** The last lines of every process's log, for a failure message. */
    String tails(int lines) {
        StringBuilder out = new StringBuilder();
        for (ServerProcess process : started()) {
            out.append("\n==== ").append(process.name()).append(process.isAlive() ? " (running)" : " (ended)")
                    .append(", ").append(process.logFile()).append('\n').append(process.logTail(lines));
        }
        return out.toString();
    }

    /** Kills every JVM it started, then removes its namespaces (if any). */
    @Override
    public void close() {
        for (ServerProcess process : started()) {
            process.close();
        }
        if (net != null) {
            net.close();
        }
    }

    /** A random base port with the whole span free right now on loopback. */
    private static int freeClusterBasePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(LOWEST_BASE, HIGHEST_BASE);
            if (spanIsFree(base)) {
                return base;
            }
        }
        throw new IllegalStateException("no free span of " + CLUSTER_PORT_SPAN + " ports for the cluster");
    }

    private static boolean spanIsFree(int base) {
        for (int port = base; port < base + CLUSTER_PORT_SPAN; port++) {
            if (!FreePort.isFree(port)) {
                return false;
            }
        }
        return true;
    }
}
