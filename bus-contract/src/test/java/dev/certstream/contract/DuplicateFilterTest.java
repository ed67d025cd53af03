package dev.certstream.contract;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicateFilterTest {

    @Test
    void dropsWhatWasAlreadyPassedPerLog() {
        DuplicateFilter filter = new DuplicateFilter(10);
        assertTrue(filter.firstTime("a", 5));
        assertTrue(filter.firstTime("a", 6));
        assertTrue(filter.firstTime("b", 1));
        assertFalse(filter.firstTime("a", 6));
        assertFalse(filter.firstTime("a", 3));
        assertTrue(filter.firstTime("a", 9));
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
