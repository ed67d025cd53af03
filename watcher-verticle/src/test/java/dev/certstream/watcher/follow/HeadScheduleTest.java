package dev.certstream.watcher.follow;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The head cadence: about every interval while a log grows, locked onto its publication, backing off when quiet. */
class HeadScheduleTest {

    private final HeadSchedule schedule = new HeadSchedule(Duration.ofSeconds(1), 3, Duration.ofSeconds(10));

    @Test
    void aLogThatGrowsAtEveryReadIsReadAboutEverySecondWithAnEarlyProbeNowAndThen() {
        assertEquals(875, schedule.next(true), "the first growth probes a step (an eighth) early for the phase");
        assertEquals(750, schedule.next(true), "the head was out before the probe: twice as early");
        assertEquals(500, schedule.next(true), "up to half the interval");
        assertEquals(1000, schedule.next(true));
        for (int round = 0; round < 3; round++) {
            assertEquals(500, schedule.next(true), "every fourth growing read probes early");
            assertEquals(1000, schedule.next(true), "no earlier than half the interval");
            assertEquals(1000, schedule.next(true));
            assertEquals(1000, schedule.next(true));
        }
    }

    @Test
    void aProbeThatMissesIsFollowedWhereTheHeadWasAndTheNextProbeGoesHalfAsEarly() {
        assertEquals(875, schedule.next(true));
        assertEquals(125, schedule.next(false), "back to where the head was found");
        for (long early : new long[] {62, 31, 15, 15}) {
            assertEquals(1000, schedule.next(true));
            assertEquals(1000, schedule.next(true));
            assertEquals(1000, schedule.next(true));
            assertEquals(1000 - early, schedule.next(true), "halved down to a 64th of the interval");
            assertEquals(early, schedule.next(false));
        }
    }

    @Test
    void aRegularReadThatMissesIsRepeatedAStepLaterTwiceAndProbesStartFromAStepAgain() {
        assertEquals(875, schedule.next(true));
        assertEquals(125, schedule.next(false));
        assertEquals(1000, schedule.next(true));
        assertEquals(1000, schedule.next(true));
        assertEquals(1000, schedule.next(true));
        assertEquals(938, schedule.next(true), "probes had narrowed to 62 ms");
        assertEquals(876, schedule.next(true), "it found the head: twice as early (124 ms)");
        assertEquals(124, schedule.next(false), "too early: back");
        assertEquals(1000, schedule.next(true));
        assertEquals(1000, schedule.next(true));
        assertEquals(125, schedule.next(false), "a regular read missed: the publication moved later");
        assertEquals(125, schedule.next(false));
        assertEquals(1000, schedule.next(false), "then the normal interval");
        assertEquals(875, schedule.next(true), "growth again, on a probe's turn: it starts from a step again");
    }

    @Test
    void aSimulatedLogIsLockedOntoWithinAFewMillisecondsAtAboutOneAndAQuarterReadsPerPublication() {
        for (long publishedPhase : new long[] {5, 363, 637, 990}) {
            // A log publishing every 1,000 ms at this phase; the first read at 0. A read sees a head once it is out.
            HeadSchedule schedule = new HeadSchedule(Duration.ofSeconds(1), 3, Duration.ofSeconds(10));
            long at = 0;
            long lastSeen = -1;
            int reads = 0;
            long worstAfterAMinute = 0;
            while (at < 600_000) {
                reads++;
                long latest = at < publishedPhase ? -1 : (at - publishedPhase) / 1000;
                boolean grew = latest > lastSeen && lastSeen >= 0;
                if (latest > lastSeen && at > 60_000) {
                    worstAfterAMinute = Math.max(worstAfterAMinute, at - (publishedPhase + latest * 1000));
                }
                lastSeen = latest;
                at += schedule.next(grew);
            }
            assertTrue(worstAfterAMinute < 16, "phase " + publishedPhase + ": from a minute on, heads seen within a 64th of the"
                    + " interval; the latest was " + worstAfterAMinute + " ms");
            assertTrue(reads < 600 * 1.3, "phase " + publishedPhase + ": " + reads + " reads for 600 publications");
        }
    }

    @Test
    void aQuietLogIsReadAtDoublingIntervalsUpToTheMaximumAndAtOnceAgainWhenItGrows() {
        assertEquals(1000, schedule.next(false), "never grown: nothing to chase");
        assertEquals(1000, schedule.next(false));
        assertEquals(1000, schedule.next(false));
        assertEquals(2000, schedule.next(false), "past the quiet reads the interval doubles");
        assertEquals(4000, schedule.next(false));
        assertEquals(8000, schedule.next(false));
        assertEquals(10000, schedule.next(false), "capped");
        assertEquals(10000, schedule.next(false));
        assertEquals(875, schedule.next(true), "growth: full rate again, probing for the phase");
        assertEquals(0, schedule.quietReads());
    }
}
