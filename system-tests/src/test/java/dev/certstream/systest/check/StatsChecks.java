package dev.certstream.systest.check;

import dev.certstream.systest.client.ArrivalRecorder;
import dev.certstream.systest.client.Http;

import dev.certstream.systest.process.ServerProcess;

import dev.certstream.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class StatsChecks {

    private static final Logger LOG = LoggerFactory.getLogger(StatsChecks.class);

    /** How long a client may take to receive what the broker had counted when it answered. */
    private static final Duration CATCH_UP = Duration.ofSeconds(3);

    private StatsChecks() {
    }

    /**
     * Waits until {@code streak} samples in a row show {@code /stats} counting exactly what the client
     * received: per log {@code processed} against the client's distinct indices up to the broker's
     * {@code last_index} for that log (once the client has received that far), and in total
     * {@code processed_certificates}. Judging each log up to the broker's own high-water mark makes a sample
     * exact whatever is still in flight to the client. Consecutive requests go to the broker replicas in
     * turn, so a streak covers every replica. Returns the last {@code /stats}.
     */
    public static JsonNode awaitCountsMatchClient(ServerProcess gateway, ArrivalRecorder client, Collection<String> logs,
                                           int streak, Duration deadline) {
        String url = gateway.url("/stats");
        AtomicReference<String> last = new AtomicReference<>("no sample");
        AtomicReference<String> lastRefusal = new AtomicReference<>("none");
        AtomicReference<JsonNode> stats = new AtomicReference<>();
        int[] matched = {0};
        // Samples by outcome, so a failure says whether the counts differed or no sample could be judged.
        int[] outcomes = new int[4]; // client behind, not 200, differed, matched
        long started = System.nanoTime();
        try {
            Wait.until(streak + " /stats samples in a row matching " + client, deadline, () -> {
                FlowChecks.assertOpen(client);
                Http.Answer answer = Http.get(url);
                if (answer.status() != 200) {
                    outcomes[1]++;
                    lastRefusal.set(answer.status() + " " + answer.body());
                    return false; // no broker answered: not a sample
                }
                Map<String, Long> counted = lastIndices(answer.json(), logs);
                if (!awaitClientReached(client, counted)) {
                    outcomes[0]++;
                    return false; // the client never got what the broker counted: judged by the stream audits
                }
                String mismatch = mismatch(answer.json(), client.distinctCountsUpTo(counted), logs);
                if (mismatch != null) {
                    outcomes[2]++;
                    last.set(mismatch);
                    matched[0] = 0;
                    return false;
                }
                outcomes[3]++;
                stats.set(answer.json());
                return ++matched[0] >= streak;
            });
            LOG.info("{}: /stats matched {} times in a row after {} ms; samples: {} with the client behind, {} not 200,"
                    + " {} differed", client, streak, (System.nanoTime() - started) / 1_000_000, outcomes[0], outcomes[1], outcomes[2]);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; samples: " + outcomes[0] + " with the client behind, " + outcomes[1]
                    + " not 200 (last: " + lastRefusal.get() + "), " + outcomes[2] + " differed, " + outcomes[3]
                    + " matched; last difference: " + last.get(), e);
        }
        return stats.get();
    }

    /** Each log's {@code last_index} in a {@code /stats} answer; -1 where the broker counted none. */
    private static Map<String, Long> lastIndices(JsonNode stats, Collection<String> logs) {
        Map<String, Long> lastIndex = new HashMap<>();
        for (String log : logs) {
            JsonNode value = stats.path("logs").path(log).path("last_index");
            lastIndex.put(log, value.canConvertToLong() ? value.asLong() : -1L);
        }
        return lastIndex;
    }

    /** Waits (briefly) until the client has received, in every log, at least up to the given index. */
    private static boolean awaitClientReached(ArrivalRecorder client, Map<String, Long> indices) {
        try {
            Wait.until(client + " reaching " + indices, CATCH_UP, Duration.ofMillis(20), () -> {
                Map<String, Long> highest = client.highestIndices();
                return indices.entrySet().stream().allMatch(e -> highest.getOrDefault(e.getKey(), -1L) >= e.getValue());
            });
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
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
    public static Map<String, Long> processedPerLog(JsonNode stats, Collection<String> logs) {
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
    public static JsonNode awaitLatestIsCurrent(ServerProcess gateway, ArrivalRecorder client, Duration deadline) {
        String url = gateway.url("/latest.json");
        AtomicReference<String> last = new AtomicReference<>("no answer");
        AtomicReference<JsonNode> good = new AtomicReference<>();
        try {
            Wait.until("a current /latest.json from " + gateway.name(), deadline, () -> {
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
        Wait.until(client + " to reach what /latest.json lists", deadline,
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
