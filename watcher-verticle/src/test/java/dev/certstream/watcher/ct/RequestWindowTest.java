package dev.certstream.watcher.ct;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator budget's window: a burst goes at once, and no second ever holds more than the limit. */
class RequestWindowTest {

    private static final long MS = 1_000_000;

    @Test
    void noSecondEverHoldsMoreThanTheLimit() {
        RequestWindow window = new RequestWindow(10, 1100 * MS);
        long[] takes = new long[10_000];
        int n = 0;
        // Someone asks every millisecond for 10 s.
        for (long t = 0; t < 10_000 * MS; t += MS) {
            if (window.tryTake(t)) {
                takes[n++] = t;
            }
        }
        int most = 0;
        for (int i = 0, j = 0; i < n; i++) {
            while (takes[i] - takes[j] >= 1000 * MS) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        assertEquals(10, most, "the limit in some second, never more");
        assertTrue(n >= 90 && n <= 100, "10 per 1.1 s over 10 s: " + n);
    }

    @Test
    void aBurstWithinTheLimitGoesAtOnceAndThenWaitsForTheOldestToLeave() {
        RequestWindow window = new RequestWindow(4, 1000 * MS);
        for (int i = 0; i < 4; i++) {
            assertTrue(window.tryTake(10 * MS + i));
        }
        assertFalse(window.tryTake(20 * MS));
        assertEquals(990 * MS, window.nanosUntilFree(20 * MS));
        assertEquals(4, window.countWithin(500 * MS, 1000 * MS));
        assertTrue(window.tryTake(1010 * MS));
        assertEquals(1, window.countWithin(1500 * MS, 1000 * MS), "the burst has left the last second");
        assertThrows(IllegalArgumentException.class, () -> new RequestWindow(0, MS));
    }
}
