package dev.certstream.systest.check;

import dev.certstream.systest.client.ArrivalRecorder;

import dev.certstream.testing.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Assertions over what websocket clients received from a running deployment: every log keeps flowing
 * to every client, and no client ever saw a gap, a duplicate or an index going backwards.
 */
public final class FlowChecks {

    private FlowChecks() {
    }

    /**
     * Waits until every client received at least {@code count} certificates of every log after
     * {@code sinceNanos}; fails at once if a client's connection ends.
     */
    public static void awaitEveryLogAdvances(Collection<ArrivalRecorder> clients, Collection<String> logs, long sinceNanos,
                                      int count, Duration deadline) {
        try {
            Wait.until(count + " new certificates of each of " + logs.size() + " logs on " + clients, deadline, () -> {
                for (ArrivalRecorder client : clients) {
                    assertOpen(client);
                    for (String log : logs) {
                        if (client.countSince(log, sinceNanos) < count) {
                            return false;
                        }
                    }
                }
                return true;
            });
        } catch (AssertionError e) {
            StringBuilder got = new StringBuilder();
            for (ArrivalRecorder client : clients) {
                got.append("; ").append(client.name()).append(" got");
                logs.forEach(log -> got.append(' ').append(log).append('=').append(client.countSince(log, sinceNanos)));
            }
            throw new AssertionError(e.getMessage() + got, e);
        }
    }

    /** Fails when the client's connection has ended. */
    public static void assertOpen(ArrivalRecorder client) {
        if (client.closed().isDone()) {
            throw new AssertionError(client + " was closed with " + client.closed().join());
        }
    }

    /**
     * Fails listing every gap, duplicate and step back any client saw in any log over its whole life, and
     * every log a client never heard from; also fails on frames that were not certificates or heartbeats.
     */
    public static void assertIntact(Collection<ArrivalRecorder> clients, Collection<String> logs) {
        List<String> problems = new ArrayList<>();
        for (ArrivalRecorder client : clients) {
            if (client.unreadable() > 0) {
                problems.add(client + ": " + client.unreadable() + " frames were neither certificates nor heartbeats");
            }
            for (String log : logs) {
                List<ArrivalRecorder.Arrival> arrivals = client.arrivals(log);
                if (arrivals.isEmpty()) {
                    problems.add(client + " " + log + ": nothing received");
                    continue;
                }
                for (String problem : StreamAudit.problems(arrivals)) {
                    problems.add(client + " " + log + ": " + problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("streams not intact:\n  " + String.join("\n  ", problems));
        }
    }

    /** Milliseconds, with one decimal, for reports. */
    public static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
