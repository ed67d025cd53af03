package dev.certstream.node;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicateFilterTest {

    @Test
    void dropsWhatWasSeenPerLog() {
        DuplicateFilter filter = new DuplicateFilter(10);
        assertTrue(filter.firstTime("a", 5));
        assertTrue(filter.firstTime("a", 6));
        assertTrue(filter.firstTime("b", 5));
        assertFalse(filter.firstTime("a", 6));
        assertFalse(filter.firstTime("a", 5));
        assertFalse(filter.firstTime("a", -1));
        assertEquals(6, filter.highest("a"));
    }

    @Test
    void anEntryAheadOfItsOwnerDoesNotHideTheOwnersEntries() {
        // A split-off watcher published 2935 while the log's owner was at 2923: 2924..2934 are still new.
        DuplicateFilter filter = new DuplicateFilter(10);
        for (long i = 2900; i <= 2923; i++) {
            assertTrue(filter.firstTime("log", i));
        }
        assertTrue(filter.firstTime("log", 2935));
        for (long i = 2924; i <= 2935; i++) {
            assertEquals(i != 2935, filter.firstTime("log", i), "index " + i);
        }
        assertFalse(filter.firstTime("log", 2930), "seen once now");
    }

    @Test
    void theWindowSlidesForwardAndForgetsOnlyWhatLeftIt() {
        DuplicateFilter filter = new DuplicateFilter(10);
        long start = 1_000_000;
        assertTrue(filter.firstTime("log", start));
        long far = start + 3L * DuplicateFilter.WINDOW + 17;
        assertTrue(filter.firstTime("log", far));
        assertFalse(filter.firstTime("log", start), "far older than the window: treated as seen");
        assertTrue(filter.firstTime("log", far - 1), "inside the window and never seen");
        assertFalse(filter.firstTime("log", far - 1));
        // Every index of a long contiguous run is new exactly once, across many slides.
        for (long i = far + 1; i < far + 5L * DuplicateFilter.WINDOW; i++) {
            if (!filter.firstTime("log", i)) {
                throw new AssertionError("index " + i + " wrongly seen as a duplicate");
            }
        }
        assertFalse(filter.firstTime("log", far + 5L * DuplicateFilter.WINDOW - 1));
    }

    @Test
    void markSeenUpToCoversWhatAPeerHadCounted() {
        DuplicateFilter filter = new DuplicateFilter(10);
        filter.markSeenUpTo("log", 500);
        assertFalse(filter.firstTime("log", 500));
        assertFalse(filter.firstTime("log", 1));
        assertTrue(filter.firstTime("log", 501));
    }

    @Test
    void forgetsTheLeastRecentlySeenLogBeyondItsBound() {
        DuplicateFilter filter = new DuplicateFilter(2);
        filter.firstTime("a", 5);
        filter.firstTime("b", 5);
        filter.firstTime("c", 5);
        assertTrue(filter.firstTime("a", 5), "a was evicted, so it is new again");
        assertFalse(filter.firstTime("c", 5));
    }
}
