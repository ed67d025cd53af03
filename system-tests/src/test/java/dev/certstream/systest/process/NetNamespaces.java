package dev.certstream.systest.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux network namespaces for one test run, made with {@code ip}: a bridge in the root namespace holding
 * the run's address {@code 10.213.N.254/24}, and one namespace per member ({@code 10.213.N.1}, {@code .2},
 * ...) joined to the bridge by a veth pair. Every name carries the test JVM's process id, so a later run
 * removes what a killed run left behind (its processes, namespaces and bridge) and never touches a live
 * run's. Closing removes everything; a JVM shutdown hook does the same if the test never gets to.
 */
public final class NetNamespaces implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetNamespaces.class);
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(30);
    /** Namespaces are named {@code cst-<pid>-<member>}; bridges {@code cstbr<pid in hex>} (15 characters at most). */
    private static final Pattern NAMESPACE = Pattern.compile("^(cst-(\\d+)-\\S+)");
    private static final Pattern BRIDGE = Pattern.compile("^\\d+: (cstbr([0-9a-f]+))[:@]");

    private final long pid = ProcessHandle.current().pid();
    private final String bridge = "cstbr" + Long.toHexString(pid);
    private final int subnet;
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final Thread cleanup = new Thread(this::removeAll, "netns-cleanup");
    private boolean closed;

    private NetNamespaces(int subnet) {
        this.subnet = subnet;
    }

    /** Whether this machine lets the test make namespaces (the {@code ip} tool, and root); why not, if not. */
    public static String unavailableReason() {
        Tools.Result version = Tools.run(COMMAND_DEADLINE, "ip", "-V");
        if (version.exitCode() != 0) {
            return "the ip tool (iproute2) is missing: " + version.output().strip();
        }
        String probe = "cst-" + ProcessHandle.current().pid() + "-probe";
        Tools.Result add = Tools.run(COMMAND_DEADLINE, "ip", "netns", "add", probe);
        Tools.run(COMMAND_DEADLINE, "ip", "netns", "del", probe);
        return add.exitCode() == 0 ? null : "cannot create a network namespace (root needed): " + add.output().strip();
    }

    /** Removes what earlier, dead runs left, then makes this run's bridge on a subnet no route uses yet. */
    public static NetNamespaces create() {
        removeStale();
        String routes = ip("-4", "-o", "route", "show");
        long pid = ProcessHandle.current().pid();
        for (int i = 0; i < 250; i++) {
            int subnet = (int) ((pid + i) % 250) + 1;
            if (!routes.contains("10.213." + subnet + ".")) {
                NetNamespaces net = new NetNamespaces(subnet);
                Runtime.getRuntime().addShutdownHook(net.cleanup);
                ip("link", "add", net.bridge, "type", "bridge");
                ip("addr", "add", net.hostAddress() + "/24", "dev", net.bridge);
                ip("link", "set", net.bridge, "up");
                LOG.info("bridge {} on 10.213.{}.0/24", net.bridge, subnet);
                return net;
            }
        }
        throw new IllegalStateException("no free 10.213.x.0/24 subnet: " + routes);
    }

    /** The address the root namespace (the test, the simulator) has on the bridge. */
    public String hostAddress() {
        return "10.213." + subnet + ".254";
    }

    /** Makes a namespace for {@code member} on the bridge; returns its address. */
    public synchronized String addMember(String member) {
        int index = addresses.size() + 1;
        if (index > 200) {
            throw new IllegalStateException("too many members");
        }
        String ns = namespace(member);
        String address = "10.213." + subnet + "." + index;
        String hostSide = "cs" + Long.toHexString(pid) + "h" + index;
        ip("netns", "add", ns);
        addresses.put(member, address);
        ip("link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", ns);
        ip("link", "set", hostSide, "master", bridge, "up");
        ip("-n", ns, "addr", "add", address + "/24", "dev", "eth0");
        ip("-n", ns, "link", "set", "eth0", "up");
        ip("-n", ns, "link", "set", "lo", "up");
        return address;
    }

    /** The address of a member's namespace. */
    public synchronized String address(String member) {
        String address = addresses.get(member);
        if (address == null) {
            throw new IllegalArgumentException("no namespace for " + member);
        }
        return address;
    }

    /** The command prefix that runs a program inside the member's namespace. */
    public List<String> launcher(String member) {
        address(member);
        return List.of("ip", "netns", "exec", namespace(member));
    }

    /**
     * Makes {@code member}'s namespace drop everything it sends to each of {@code peers}' addresses (a
     * blackhole route per peer): with the peers doing the same, neither side hears the other, while both
     * still reach the root namespace's address.
     */
    public void cut(String member, List<String> peers) {
        StringBuilder batch = new StringBuilder();
        for (String peer : peers) {
            batch.append("route replace blackhole ").append(address(peer)).append("/32\n");
        }
        ipBatch(member, batch.toString());
    }

    /** Removes every route {@link #cut} added in the member's namespace. */
    public void restore(String member) {
        String routes = ip("-n", namespace(member), "-o", "route", "show", "type", "blackhole");
        StringBuilder batch = new StringBuilder();
        for (String line : routes.split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("blackhole")) {
                batch.append("route del blackhole ").append(words[1]).append('\n');
            }
        }
        if (!batch.isEmpty()) {
            ipBatch(member, batch.toString());
        }
    }

    /** Cuts every member of {@code sideA} off from every member of {@code sideB}, both ways. */
    public void split(List<String> sideA, List<String> sideB) {
        sideA.forEach(member -> cut(member, sideB));
        sideB.forEach(member -> cut(member, sideA));
    }

    /** Removes every cut: each member hears every other again. */
    public void heal() {
        members().forEach(this::restore);
    }

    /** The members, in the order their namespaces were made. */
    public synchronized List<String> members() {
        return new ArrayList<>(addresses.keySet());
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // The hook itself is running, or about to: nothing left to undo.
        }
    }

    private synchronized void removeAll() {
        if (closed) {
            return;
        }
        closed = true;
        for (String member : addresses.keySet()) {
            removeNamespace(namespace(member));
        }
        Tools.run(COMMAND_DEADLINE, "ip", "link", "del", bridge);
        LOG.info("removed bridge {} and {} namespaces", bridge, addresses.size());
    }

    private String namespace(String member) {
        return "cst-" + pid + "-" + member;
    }

    /** Kills what still runs in a namespace (a killed run's JVMs), then deletes it and its veth pair. */
    private static void removeNamespace(String ns) {
        String pids = Tools.run(COMMAND_DEADLINE, "ip", "netns", "pids", ns).output();
        for (String p : pids.split("\\s+")) {
            if (p.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(p)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        Tools.run(COMMAND_DEADLINE, "ip", "netns", "del", ns);
    }

    /** Namespaces and bridges of runs whose test JVM is gone. */
    private static void removeStale() {
        for (String line : Tools.run(COMMAND_DEADLINE, "ip", "netns", "list").output().split("\n")) {
            Matcher m = NAMESPACE.matcher(line.trim());
            if (m.find() && !alive(Long.parseLong(m.group(2)))) {
                LOG.info("removing namespace {} of an earlier run", m.group(1));
                removeNamespace(m.group(1));
            }
        }
        for (String line : Tools.run(COMMAND_DEADLINE, "ip", "-o", "link", "show", "type", "bridge").output().split("\n")) {
            Matcher m = BRIDGE.matcher(line.trim());
            if (m.find() && !alive(Long.parseLong(m.group(2), 16))) {
                LOG.info("removing bridge {} of an earlier run", m.group(1));
                Tools.run(COMMAND_DEADLINE, "ip", "link", "del", m.group(1));
            }
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private void ipBatch(String member, String commands) {
        Tools.Result result = Tools.runWithInput(COMMAND_DEADLINE, commands, "ip", "-n", namespace(member), "-batch", "-");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("ip -batch in " + namespace(member) + " failed (" + result.exitCode() + "): "
                    + result.output() + "\n" + commands);
        }
    }

    private static String ip(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "ip";
        System.arraycopy(args, 0, command, 1, args.length);
        Tools.Result result = Tools.run(COMMAND_DEADLINE, command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exitCode() + "): " + result.output());
        }
        return result.output();
    }
}
