package dev.certstream.watcher.follow;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RangePlannerTest {

    @Test
    void plansHalfOpenBatchesUpToTheTreeSize() {
        RangePlanner planner = new RangePlanner(10);
        assertEquals(new EntryRange(10, 20), planner.next(35, 10, 1));
        assertEquals(new EntryRange(20, 30), planner.next(35, 10, 1));
        assertEquals(new EntryRange(30, 35), planner.next(35, 10, 1));
        assertNull(planner.next(35, 10, 1));
        assertTrue(planner.exhausted(35));
        assertFalse(planner.exhausted(36));
    }

    @Test
    void givenBackRangesComeFirstLowestFirstAndAreSplitByBatch() {
        RangePlanner planner = new RangePlanner(0);
        planner.next(100, 50, 1);
        planner.next(100, 50, 1);
        planner.giveBack(60, 100);
        planner.giveBack(7, 50);
        assertEquals(new EntryRange(7, 27), planner.next(1000, 20, 1));
        assertEquals(new EntryRange(27, 47), planner.next(1000, 20, 1));
        assertEquals(new EntryRange(47, 50), planner.next(1000, 20, 1));
        assertEquals(new EntryRange(60, 80), planner.next(1000, 20, 1));
        assertEquals(new EntryRange(80, 100), planner.next(1000, 20, 1));
        assertEquals(new EntryRange(100, 120), planner.next(1000, 20, 1));
    }

    @Test
    void neverCrossesATileBoundary() {
        RangePlanner planner = new RangePlanner(250);
        assertEquals(new EntryRange(250, 256), planner.next(1000, 256, 256));
        assertEquals(new EntryRange(256, 512), planner.next(1000, 256, 256));
        assertEquals(new EntryRange(512, 768), planner.next(1000, 256, 256));
        assertEquals(new EntryRange(768, 1000), planner.next(1000, 256, 256));
        assertNull(planner.next(1000, 256, 256));
    }
}
