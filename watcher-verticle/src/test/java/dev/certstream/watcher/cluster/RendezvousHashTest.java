package dev.certstream.watcher.cluster;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RendezvousHashTest {

    private static final List<String> LOGS = java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> "https://log" + i + ".test/").toList();

    @Test
    void everyoneAgreesAndTheSplitIsFair() {
        List<String> members = List.of("a", "b", "c");
        Map<String, Integer> counts = new HashMap<>();
        for (String log : LOGS) {
            String owner = RendezvousHash.owner(log, members);
            assertEquals(owner, RendezvousHash.owner(log, List.of("c", "a", "b")), "order does not matter");
            counts.merge(owner, 1, Integer::sum);
        }
        counts.values().forEach(n -> assertTrue(n > 40 && n < 95, "fair share: " + counts));
        assertNull(RendezvousHash.owner("x", List.of()));
    }

    @Test
    void aLeavingMemberMovesOnlyItsOwnLogs() {
        int moved = 0;
        for (String log : LOGS) {
            String before = RendezvousHash.owner(log, List.of("a", "b", "c"));
            String after = RendezvousHash.owner(log, List.of("a", "b"));
            if (!before.equals("c")) {
                assertEquals(before, after, "a log not held by the leaver stays where it is");
            } else {
                moved++;
            }
        }
        assertTrue(moved > 0);
    }
}
