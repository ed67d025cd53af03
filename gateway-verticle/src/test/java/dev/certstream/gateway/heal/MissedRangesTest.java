package dev.certstream.gateway.heal;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gateway notes exactly which indices of each log it never received, and forgets what arrives late. */
class MissedRangesTest {

    private static final String LOG = "https://ct.example/log/";
    private final List<String> told = new ArrayList<>();
    private final MissedRanges missed = new MissedRanges(4, (log, from, to) -> told.add(log + " " + from + ".." + to));

    private void arrive(long... indices) {
        for (long index : indices) {
            missed.arrived(LOG, index);
        }
    }

    @Test
    void aContiguousStreamMissesNothing() {
        arrive(100, 101, 102, 103);
        assertEquals(List.of(), missed.ranges(LOG));
        assertEquals(List.of(), told);
        assertEquals(0, missed.toJson().getLong("missed"));
    }

    @Test
    void theFirstArrivalAfterAHoleGivesItsExactRange() {
        arrive(100, 101, 102, 790, 791);
        assertEquals(List.of(new MissedRanges.Range(103, 789)), missed.ranges(LOG));
        assertEquals(List.of(LOG + " 103..789"), told);
        assertEquals(687, missed.toJson().getLong("missed"));
    }

    @Test
    void lateArrivalsShrinkOrSplitTheHole() {
        arrive(10, 20, 11, 19, 15);
        assertEquals(List.of(new MissedRanges.Range(12, 14), new MissedRanges.Range(16, 18)), missed.ranges(LOG));
        JsonObject json = missed.toJson();
        assertEquals(6, json.getLong("missed"));
        assertEquals(3, json.getLong("arrived_late"));
        assertEquals("[[12,14],[16,18]]", json.getJsonObject("logs").getJsonArray(LOG).encode());
    }

    @Test
    void logsAreIndependentAndBounded() {
        for (int log = 0; log < 6; log++) {
            missed.arrived("log" + log, 0);
            missed.arrived("log" + log, 5);
        }
        assertEquals(List.of(), missed.ranges("log0"), "the least recently heard from is forgotten beyond maxLogs");
        assertEquals(List.of(new MissedRanges.Range(1, 4)), missed.ranges("log5"));
        for (int hole = 0; hole < MissedRanges.MAX_RANGES_PER_LOG + 3; hole++) {
            arrive(1000 + hole * 2L);
        }
        assertEquals(MissedRanges.MAX_RANGES_PER_LOG, missed.ranges(LOG).size());
    }
}
