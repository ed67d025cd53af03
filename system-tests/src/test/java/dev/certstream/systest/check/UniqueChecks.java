package dev.certstream.systest.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.certstream.systest.check.ResumeChecks.Entry;
import dev.certstream.testing.Wait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whether {@code unique=} clients got each certificate (or issuance) exactly once, compared with a plain
 * client of the same deployment, over a window of indices that every client saw from its start. The
 * simulator's shared issuances sit at the same index in every log, so a window in index space holds all
 * copies of each or none.
 */
public final class UniqueChecks {

    private static final Duration DEADLINE = Duration.ofMinutes(2);
    /** Indices per log the window spans at least. */
    private static final int WINDOW = 40;

    private UniqueChecks() {
    }

    /** What {@code unique=<mode>} compares: the leaf's SHA-256 or the issuance id. */
    public static String key(JsonNode update, String mode) {
        return "certificate".equals(mode) ? update.at("/data/leaf_cert/sha256").asText() : update.at("/data/issuance_id").asText();
    }

    public static List<JsonNode> updates(List<JsonNode> messages) {
        return messages.stream().filter(m -> "certificate_update".equals(m.path("message_type").asText())).toList();
    }

    /**
     * Asserts that the plain client got every index of the window (unchanged stream), that its window holds
     * repeats (so the check means something), and that each unique client got every key of the window
     * exactly once, as one of that key's entries; all unique clients the same entries (one claimant).
     */
    public static void assertEachOnce(String mode, int logs, Supplier<List<JsonNode>> plain, List<Supplier<List<JsonNode>>> uniques) {
        List<Supplier<List<JsonNode>>> all = new ArrayList<>(uniques);
        all.add(plain);
        Wait.until("every client saw " + logs + " logs", DEADLINE, () -> all.stream()
                .allMatch(c -> ResumeChecks.firstPerLog(ResumeChecks.entries(c.get())).size() == logs));
        long from = all.stream().flatMap(c -> ResumeChecks.firstPerLog(ResumeChecks.entries(c.get())).values().stream())
                .mapToLong(Long::longValue).max().orElseThrow();
        Wait.until("the plain client " + WINDOW + " entries past " + from + " on every log", DEADLINE, () ->
                Collections.min(ResumeChecks.lastPerLog(ResumeChecks.entries(plain.get())).values()) >= from + WINDOW);
        long to = Collections.min(ResumeChecks.lastPerLog(ResumeChecks.entries(plain.get())).values());
        // Every unique client past the window on every log: everything in it was decided.
        for (Supplier<List<JsonNode>> unique : uniques) {
            Wait.until("unique=" + mode + " past " + to + " on every log", DEADLINE, () -> ResumeChecks.lastPerLog(
                    ResumeChecks.entries(unique.get())).values().stream().allMatch(last -> last > to));
        }
        Map<String, Set<Entry>> byKey = new HashMap<>();
        Map<String, Set<String>> typesByKey = new HashMap<>();
        Set<Entry> plainEntries = new HashSet<>();
        for (JsonNode update : inWindow(updates(plain.get()), from, to)) {
            byKey.computeIfAbsent(key(update, mode), k -> new HashSet<>()).add(ResumeChecks.entry(update));
            typesByKey.computeIfAbsent(key(update, mode), k -> new HashSet<>()).add(update.at("/data/update_type").asText());
            plainEntries.add(ResumeChecks.entry(update));
        }
        assertEquals(logs * (to - from + 1), plainEntries.size(), "the plain stream has every index " + from + ".." + to);
        assertTrue(byKey.values().stream().anyMatch(entries -> entries.size() > 1),
                "the window " + from + ".." + to + " holds no repeated " + mode + ": the simulator shares nothing");
        if ("issuance".equals(mode)) {
            assertTrue(typesByKey.values().stream().anyMatch(types -> types.size() == 2),
                    "the window holds no precertificate with its final certificate");
        }
        Set<Entry> first = null;
        for (Supplier<List<JsonNode>> unique : uniques) {
            Map<String, Entry> got = new HashMap<>();
            for (JsonNode update : inWindow(updates(unique.get()), from, to)) {
                Entry entry = ResumeChecks.entry(update);
                Entry before = got.put(key(update, mode), entry);
                assertTrue(before == null, "unique=" + mode + " got " + key(update, mode) + " twice: " + before + ", " + entry);
                assertTrue(byKey.getOrDefault(key(update, mode), Set.of()).contains(entry), entry + " is not in the plain stream");
            }
            assertEquals(byKey.keySet(), got.keySet(), "unique=" + mode + ": every " + mode + " of the window once");
            Set<Entry> entries = new HashSet<>(got.values());
            if (first != null) {
                assertEquals(first, entries, "unique=" + mode + " clients of one deployment get the same entries");
            }
            first = entries;
        }
    }

    private static List<JsonNode> inWindow(List<JsonNode> updates, long from, long to) {
        return updates.stream().filter(u -> {
            long index = u.at("/data/cert_index").asLong();
            return index >= from && index <= to;
        }).toList();
    }
}
