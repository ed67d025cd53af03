package dev.certstream.systest.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.certstream.testing.Wait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whether a client that left and came back got what a client that never left got: per log, from where the
 * leaving client's first part started to where the reference is now, the same certificates in the same
 * order, none twice.
 */
public final class ResumeChecks {

    public static final Duration CATCH_UP = Duration.ofMinutes(2);

    /** One certificate: its log (without trailing slashes) and index. */
    public record Entry(String log, long index) {
    }

    private ResumeChecks() {
    }

    public static Entry entry(JsonNode update) {
        return new Entry(update.at("/data/source/url").asText().replaceAll("/+$", ""), update.at("/data/cert_index").asLong());
    }

    public static List<Entry> entries(List<JsonNode> updates) {
        return updates.stream().filter(m -> "certificate_update".equals(m.path("message_type").asText()))
                .map(ResumeChecks::entry).toList();
    }

    /** Per log, the smallest index in {@code entries}. */
    public static Map<String, Long> firstPerLog(List<Entry> entries) {
        Map<String, Long> first = new TreeMap<>();
        entries.forEach(e -> first.merge(e.log(), e.index(), Math::min));
        return first;
    }

    /** Per log, the largest index in {@code entries}. */
    public static Map<String, Long> lastPerLog(List<Entry> entries) {
        Map<String, Long> last = new TreeMap<>();
        entries.forEach(e -> last.merge(e.log(), e.index(), Math::max));
        return last;
    }

    /**
     * Waits until {@code resumed} (everything the leaving client got, in arrival order, over its connections)
     * reaches, on every log, what {@code reference} holds now; then compares them per log from {@code from}.
     */
    public static void assertLossless(String name, Supplier<List<Entry>> reference, Supplier<List<Entry>> resumed,
                               Map<String, Long> from) {
        Map<String, Long> upTo = lastPerLog(reference.get());
        assertFalse(from.isEmpty(), name + ": the first part got nothing");
        Wait.until(name + " caught up with " + upTo, CATCH_UP, () -> {
            Map<String, Long> reached = lastPerLog(resumed.get());
            return upTo.entrySet().stream().allMatch(e -> reached.getOrDefault(e.getKey(), -1L) >= e.getValue());
        });
        List<Entry> got = resumed.get();
        assertEquals(got.size(), new HashSet<>(got).size(), name + ": a certificate arrived twice");
        List<Entry> expected = reference.get();
        for (Map.Entry<String, Long> log : from.entrySet()) {
            long last = upTo.getOrDefault(log.getKey(), -1L);
            assertEquals(window(expected, log.getKey(), log.getValue(), last), window(got, log.getKey(), log.getValue(), last),
                    name + ": log " + log.getKey() + " from " + log.getValue() + " to " + last);
        }
        assertTrue(upTo.keySet().containsAll(from.keySet()), name + ": logs " + from.keySet() + " vs " + upTo.keySet());
    }

    private static List<Long> window(List<Entry> entries, String log, long from, long to) {
        List<Long> indices = new ArrayList<>();
        entries.stream().filter(e -> e.log().equals(log) && e.index() >= from && e.index() <= to)
                .forEach(e -> indices.add(e.index()));
        return indices;
    }
}
