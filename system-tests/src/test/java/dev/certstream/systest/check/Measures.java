package dev.certstream.systest.check;

import dev.certstream.systest.ClusterReport;

import dev.certstream.systest.client.ArrivalRecorder;
import dev.certstream.systest.client.RoutePoller;

import dev.certstream.systest.process.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The figures a failure scenario reports: silences in what clients received across an event, when a
 * watcher took a log over and where it resumed (from its /stats), and how long HTTP calls took meanwhile.
 */
public final class Measures {

    /** "No call hangs": every call to a surviving gateway answers well within this during a failure. */
    public static final Duration CALL_BOUND = Duration.ofSeconds(10);
    /** The window before an event over which a log's normal longest silence is measured. */
    public static final Duration NORMAL_WINDOW = Duration.ofSeconds(15);

    private final ClusterReport report;

    public Measures(ClusterReport report) {
        this.report = report;
    }

    /**
     * Per log and client: the last index before the event, the next one after, the gap between them, the
     * log's longest gap in the {@link #NORMAL_WINDOW} before (its normal rhythm: tiled logs arrive a tile
     * at a time), the gap minus that (the extra silence the event caused) and event-to-next-index.
     */
    public void silences(Collection<ArrivalRecorder> clients, Collection<String> logs, long eventNanos, String event) {
        for (String log : logs) {
            for (ArrivalRecorder client : clients) {
                List<ArrivalRecorder.Arrival> arrivals = client.arrivals(log);
                StreamAudit.Silence silence = StreamAudit.silenceAround(arrivals, eventNanos)
                        .orElseThrow(() -> new AssertionError(client + " " + log + ": no arrival on both sides of the " + event));
                long normal = StreamAudit.longestGapNanos(arrivals, eventNanos - NORMAL_WINDOW.toNanos(), eventNanos);
                report.add("SILENCE across %s, %s at %s: last index %d, next %d; gap %s, longest normal gap %s,"
                                + " extra %s; %s to next index %s", event, log, client.name(),
                        silence.before().index(), silence.after().index(), FlowChecks.millis(silence.gapNanos()),
                        FlowChecks.millis(normal), FlowChecks.millis(silence.gapNanos() - normal), event,
                        FlowChecks.millis(silence.after().nanos() - eventNanos));
            }
        }
    }

    /**
     * From the new owner's /stats: when it took each log's lock and resumed it, relative to the event, and
     * how many certificates it published again (resumed index vs the highest the client had before).
     */
    public void takeovers(ServerProcess newOwner, Collection<String> logs, Instant event, long eventNanos,
                   ArrivalRecorder client) {
        JsonNode stats = NodeStats.of(newOwner);
        for (String log : logs) {
            // Log times have millisecond resolution, as the event's: one in the same millisecond counts.
            long lockedAt = stats.path("held").path(log).asLong(-1);
            if (lockedAt < event.toEpochMilli() - 1) {
                throw new AssertionError(newOwner.name() + " never took " + log + " after the event: " + stats.path("held"));
            }
            JsonNode follower = stats.path("logs").path(log);
            long resumedAtMillis = follower.path("started_at").asLong(-1);
            if (!follower.path("started_from").asText().equals("progress") || resumedAtMillis < event.toEpochMilli() - 1) {
                throw new AssertionError(newOwner.name() + " never resumed " + log + " from the cluster's progress: " + follower);
            }
            long resumedAt = follower.path("start_index").asLong(-1);
            long hadBefore = StreamAudit.silenceAround(client.arrivals(log), eventNanos)
                    .map(s -> s.before().index()).orElse(-1L);
            report.add("TAKEOVER %s by %s: lock taken %d ms after the event, resumed %d ms after, at index %d;"
                            + " clients had up to %d, so %d certificates were published again (dropped downstream)",
                    log, newOwner.name(), lockedAt - event.toEpochMilli(),
                    resumedAtMillis - event.toEpochMilli(), resumedAt, hadBefore,
                    Math.max(0, hadBefore - resumedAt + 1));
        }
    }

    /**
     * Reports the calls that ended after {@code sinceNanos} per URL (count, failures, longest) and fails if
     * one took {@link #CALL_BOUND} or longer; returns those calls.
     */
    public List<RoutePoller.Call> calls(List<RoutePoller.Call> calls, long sinceNanos) {
        Map<String, List<RoutePoller.Call>> byUrl = new TreeMap<>();
        List<RoutePoller.Call> after = new ArrayList<>();
        for (RoutePoller.Call call : calls) {
            if (call.startNanos() + call.millis() * 1_000_000 >= sinceNanos) {
                byUrl.computeIfAbsent(call.url(), u -> new ArrayList<>()).add(call);
                after.add(call);
            }
        }
        List<String> slow = new ArrayList<>();
        byUrl.forEach((url, list) -> {
            long failed = list.stream().filter(c -> c.status() != 200).count();
            long longest = list.stream().mapToLong(RoutePoller.Call::millis).max().orElse(0);
            List<String> failures = list.stream().filter(c -> c.status() != 200).limit(5).map(c -> describe(c, sinceNanos)).toList();
            report.add("CALLS %s: %d calls, %d not 200, longest %d ms%s", url, list.size(), failed, longest,
                    failures.isEmpty() ? "" : "; first failures: " + failures);
            list.stream().filter(c -> c.millis() >= CALL_BOUND.toMillis()).forEach(c -> slow.add(describe(c, sinceNanos)));
        });
        assertFalse(byUrl.isEmpty(), "no call was made");
        assertEquals(List.of(), slow, "calls that took " + CALL_BOUND.toSeconds() + " s or more");
        return after;
    }

    /** A call as a report line: status, duration, start relative to the event, start of the body. */
    public static String describe(RoutePoller.Call call, long eventNanos) {
        return call.url() + " " + call.status() + " after " + call.millis() + " ms, sent at "
                + (call.startNanos() - eventNanos) / 1_000_000 + " ms: "
                + call.body().substring(0, Math.min(110, call.body().length()));
    }
}
