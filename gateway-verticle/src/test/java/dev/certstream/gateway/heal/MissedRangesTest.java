package dev.certstream.gateway.heal;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gateway notes exactly which indices of each log it never received, and leaves out what arrives after it told so. */
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

    /**
     * Guards against a defect seen with 60 s splits: the old owner's last certificates reached the gateway after
     * the new owner's first, whose hole had been told to the clients already, and went out out of order.
     */
    @Test
    void lateArrivalsInAToldHoleAreLeftOutAndTheHoleStays() {
        assertEquals(true, missed.arrived(LOG, 10));
        assertEquals(true, missed.arrived(LOG, 20));
        assertEquals(List.of(LOG + " 11..19"), told);
        for (long late : new long[] {11, 19, 15}) {
            assertEquals(false, missed.arrived(LOG, late), "index " + late);
        }
        assertEquals(List.of(new MissedRanges.Range(11, 19)), missed.ranges(LOG));
        JsonObject json = missed.toJson();
        assertEquals(9, json.getLong("missed"));
        assertEquals(3, json.getLong("arrived_late"));
        assertEquals("[[11,19]]", json.getJsonObject("logs").getJsonArray(LOG).encode());
        assertEquals(true, missed.arrived(LOG, 21), "the stream goes on");
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
