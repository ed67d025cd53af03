package dev.certstream.systest.check;

import dev.certstream.systest.client.ArrivalRecorder.Arrival;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster tests' judge must itself catch gaps, duplicates and reordering, and measure silences right. */
public class StreamAuditTest {

    private static List<Arrival> at(long... indices) {
        return LongStream.range(0, indices.length).mapToObj(i -> new Arrival(indices[(int) i], i * 100, true)).toList();
    }

    @Test
    public void aContiguousSequenceHasNoProblem() {
        assertTrue(StreamAudit.problems(at(5, 6, 7, 8)).isEmpty());
        assertTrue(StreamAudit.problems(at()).isEmpty());
    }

    @Test
    public void gapsDuplicatesAndGoingBackAreEachReported() {
        assertEquals(List.of("gap: 2 missing (7..8) at arrival #2"), StreamAudit.problems(at(5, 6, 9)));
        assertEquals(List.of("duplicate 6 at arrival #2"), StreamAudit.problems(at(5, 6, 6, 7)));
        assertEquals(List.of("went back to 5 after 7 at arrival #3", "went back to 6 after 7 at arrival #4",
                "duplicate 7 at arrival #5"), StreamAudit.problems(at(5, 6, 7, 5, 6, 7)));
        assertEquals(List.of("went back to 4 after 5 at arrival #1", "gap: 1 missing (6..6) at arrival #2"),
                StreamAudit.problems(at(5, 4, 7)));
    }

    @Test
    public void manyProblemsAreCountedPastTheListedOnes() {
        List<String> problems = StreamAudit.problems(at(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25));
        assertEquals(11, problems.size());
        assertEquals("... 2 more", problems.get(10));
    }

    @Test
    public void silenceAroundAnInstantAndLongestGapInAWindow() {
        List<Arrival> arrivals = List.of(new Arrival(1, 0, true), new Arrival(2, 50, true), new Arrival(3, 400, true), new Arrival(4, 450, true));
        StreamAudit.Silence silence = StreamAudit.silenceAround(arrivals, 60).orElseThrow();
        assertEquals(2, silence.before().index());
        assertEquals(3, silence.after().index());
        assertEquals(350, silence.gapNanos());
        assertTrue(StreamAudit.silenceAround(arrivals, 500).isEmpty());
        assertEquals(50, StreamAudit.longestGapNanos(arrivals, 0, 60));
        assertEquals(350, StreamAudit.longestGapNanos(arrivals, 0, 1000));
    }

    @Test
    public void anAccountListsMissingRangesAndCountsDuplicatesAndLateArrivals() {
        StreamAudit.Account clean = StreamAudit.account(at(5, 6, 7));
        assertEquals(List.of(), clean.missing());
        assertEquals(0, clean.duplicates() + clean.outOfOrder());

        StreamAudit.Account holes = StreamAudit.account(at(5, 9, 10, 14));
        assertEquals("[6..8, 11..13]", holes.missing().toString());
        assertEquals(6, holes.missingCount());

        // 7 fills a hole after 9 came: out of order, not missing; the second 9 is a duplicate.
        StreamAudit.Account late = StreamAudit.account(at(5, 6, 9, 7, 9, 10));
        assertEquals("[8]", late.missing().toString());
        assertEquals(1, late.outOfOrder());
        assertEquals(1, late.duplicates());
    }
}
