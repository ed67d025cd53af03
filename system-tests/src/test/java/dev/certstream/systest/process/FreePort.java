package dev.certstream.systest.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP port free on loopback right now, for a server JVM to listen on (a test must know the port before
 * the JVM is up). Chosen at random below the cluster tests' Hazelcast ports (20000+) and Linux's ephemeral
 * range (32768+), and never twice in one test run: a port the kernel hands out to a bind(0) or an outgoing
 * connection (another JVM's event bus, a client) can then never be one picked for a JVM that has not bound
 * it yet, which the kernel's own bind(0) choice could be.
 */
public final class FreePort {

    private static final int LOWEST = 12_000;
    private static final int HIGHEST = 20_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    public static int pick() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (HANDED_OUT.add(port) && isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }

    /** Whether nothing listens on the loopback port right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
