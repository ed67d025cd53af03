package dev.certstream.watcher.follow;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The head cadence: about every interval while a log grows, locked onto its publication, backing off when quiet. */
class HeadScheduleTest {

    private final HeadSchedule schedule = new HeadSchedule(Duration.ofSeconds(1), 3, Duration.ofSeconds(10));

    @Test
    void aGrowingLogIsReadEverySecondWithAnEarlyProbeNowAndThen() {
        assertEquals(750, schedule.next(true), "the first growth probes a quarter early for the phase");
        for (int round = 0; round < 3; round++) {
            assertEquals(1000, schedule.next(true));
            assertEquals(1000, schedule.next(true));
            assertEquals(1000, schedule.next(true));
            assertEquals(750, schedule.next(true), "every fourth growing read probes early");
        }
    }

    @Test
    void aReadThatMissesThePublicationIsRepeatedAQuarterLaterTwice() {
        schedule.next(true);
        assertEquals(250, schedule.next(false));
        assertEquals(250, schedule.next(false));
        assertEquals(1000, schedule.next(false), "then the normal interval");
        assertEquals(1000, schedule.next(true), "growth again: back to the cadence (the probe came first)");
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
        assertEquals(750, schedule.next(true), "growth: full rate again, probing for the phase");
        assertEquals(0, schedule.quietReads());
    }
}
