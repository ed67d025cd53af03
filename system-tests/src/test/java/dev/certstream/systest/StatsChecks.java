package dev.certstream.systest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compares a gateway's JSON routes with what a websocket client on that gateway received: the broker's
 * counts must equal the client's (the client connected before the first certificate, so it saw them
 * all), and {@code /latest.json} must list certificates the client got, newest first, up to date.
 */
final class StatsChecks {

    /** How long the client must have heard nothing before a sample: bursts then have landed everywhere. */
    private static final Duration QUIET = Duration.ofMillis(150);

    private StatsChecks() {
    }

    /**
     * Waits until {@code streak} samples in a row (each taken in a quiet moment, the client's counts the
     * same before and after the request) show {@code /stats} counting exactly what the client received:
     * per log {@code processed} and in total {@code processed_certificates}. Consecutive requests go to the
     * broker replicas in turn, so a streak covers every replica. Returns the last {@code /stats}.
     */
    static JsonNode awaitCountsMatchClient(ServerProcess gateway, ArrivalRecorder client, Collection<String> logs,
                                           int streak, Duration deadline) {
        String url = "http://127.0.0.1:" + gateway.httpPort() + "/stats";
        AtomicReference<String> last = new AtomicReference<>("no clean sample");
        AtomicReference<JsonNode> stats = new AtomicReference<>();
        int[] matched = {0};
        try {
            Await.until(streak + " /stats samples in a row matching " + client, deadline, () -> {
                FlowChecks.assertOpen(client);
                FlowChecks.awaitQuiet(client, QUIET, deadline);
                Map<String, Long> before = client.distinctCounts();
                Http.Answer answer = Http.get(url);
                if (!before.equals(client.distinctCounts()) || answer.status() != 200) {
                    return false; // a certificate landed meanwhile, or no broker answered: not a clean sample
                }
                String mismatch = mismatch(answer.json(), before, logs);
                if (mismatch != null) {
                    last.set(mismatch);
                    matched[0] = 0;
                    return false;
                }
                stats.set(answer.json());
                return ++matched[0] >= streak;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last difference: " + last.get(), e);
        }
        return stats.get();
    }

    /** What differs between {@code /stats} and the client's distinct counts, or null when nothing does. */
    private static String mismatch(JsonNode stats, Map<String, Long> client, Collection<String> logs) {
        long total = 0;
        List<String> differences = new ArrayList<>();
        for (String log : logs) {
            long processed = stats.path("logs").path(log).path("processed").asLong(-1);
            long received = client.getOrDefault(log, 0L);
            total += received;
            if (processed != received) {
                differences.add(log + " processed " + processed + " but the client received " + received);
            }
        }
        long processedTotal = stats.path("processed_certificates").asLong(-1);
        if (processedTotal != total) {
            differences.add("processed_certificates " + processedTotal + " but the client received " + total);
        }
        return differences.isEmpty() ? null : String.join("; ", differences);
    }

    /** Per-log {@code processed} from a {@code /stats} answer. */
    static Map<String, Long> processedPerLog(JsonNode stats, Collection<String> logs) {
        Map<String, Long> processed = new HashMap<>();
        for (String log : logs) {
            processed.put(log, stats.path("logs").path(log).path("processed").asLong(-1));
        }
        return processed;
    }

    /**
     * Waits until a {@code /latest.json} answer is well formed and current: lite certificate updates,
     * newest first within each log, each one received by the client, and its newest at least as new as
     * what the client had for that log when the request was sent. Returns that answer.
     */
    static JsonNode awaitLatestIsCurrent(ServerProcess gateway, ArrivalRecorder client, Duration deadline) {
        String url = "http://127.0.0.1:" + gateway.httpPort() + "/latest.json";
        AtomicReference<String> last = new AtomicReference<>("no answer");
        AtomicReference<JsonNode> good = new AtomicReference<>();
        try {
            Await.until("a current /latest.json from " + gateway.name(), deadline, () -> {
                Map<String, Long> highestBefore = client.highestIndices();
                Http.Answer answer = Http.get(url);
                if (answer.status() != 200) {
                    last.set("status " + answer.status() + ": " + answer.body());
                    return false;
                }
                String problem = latestProblem(answer.json(), highestBefore, client, deadline);
                last.set(problem);
                if (problem == null) {
                    good.set(answer.json());
                }
                return problem == null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last problem: " + last.get(), e);
        }
        return good.get();
    }

    private static String latestProblem(JsonNode latest, Map<String, Long> highestBefore, ArrivalRecorder client,
                                        Duration deadline) {
        JsonNode messages = latest.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return "no messages: " + latest;
        }
        Map<String, Long> previousPerLog = new HashMap<>();
        for (JsonNode message : messages) {
            JsonNode data = message.path("data");
            String log = data.path("source").path("url").asText();
            long index = data.path("cert_index").asLong(-1);
            if (!"certificate_update".equals(message.path("message_type").asText()) || data.path("leaf_cert").has("as_der")) {
                return "not a lite certificate_update: " + message;
            }
            Long previous = previousPerLog.put(log, index);
            if (previous != null && index >= previous) {
                return log + ": " + index + " listed after " + previous + " (not newest first)";
            }
        }
        JsonNode newest = messages.get(0).path("data");
        String newestLog = newest.path("source").path("url").asText();
        long newestIndex = newest.path("cert_index").asLong();
        long clientHad = highestBefore.getOrDefault(newestLog, -1L);
        if (newestIndex < clientHad) {
            return "newest is " + newestLog + " " + newestIndex + " but the client already had " + clientHad;
        }
        // The broker may be a moment ahead of the gateway: wait until the client has caught up, then compare.
        Await.until(client + " to reach what /latest.json lists", deadline,
                () -> client.highestIndices().getOrDefault(newestLog, -1L) >= newestIndex);
        Map<String, Set<Long>> received = new HashMap<>();
        for (JsonNode message : messages) {
            JsonNode data = message.path("data");
            String log = data.path("source").path("url").asText();
            long index = data.path("cert_index").asLong();
            Set<Long> indices = received.computeIfAbsent(log, l -> {
                Set<Long> all = new HashSet<>();
                client.arrivals(l).forEach(a -> all.add(a.index()));
                return all;
            });
            if (!indices.contains(index)) {
                return log + " " + index + " is in /latest.json but the client never received it";
            }
        }
        return null;
    }
}
