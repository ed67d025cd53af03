package dev.certstream.watcher.ct;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator budget's bucket: never more than rate + capacity takes in any second. */
class TokenBucketTest {

    private static final long MS = 1_000_000;

    @Test
    void noSecondEverHoldsMoreThanRatePlusCapacityTakes() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        long[] takes = new long[10_000];
        int n = 0;
        // Someone asks every millisecond for 10 s.
        for (long t = 0; t < 10_000 * MS; t += MS) {
            if (bucket.tryTake(t)) {
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
        assertTrue(most <= 12, "at most rate + capacity in a second: " + most);
        assertTrue(n >= 99 && n <= 102, "the rate over 10 s: " + n);
    }

    @Test
    void itStartsWithOneTokenAndTellsHowLongUntilTheNext() {
        TokenBucket bucket = new TokenBucket(4, 4, 0);
        assertTrue(bucket.tryTake(0));
        assertFalse(bucket.tryTake(0));
        assertEquals(250 * MS, bucket.nanosUntilToken(0));
        assertEquals(0, bucket.nanosUntilToken(250 * MS));
        assertTrue(bucket.tryTake(250 * MS));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
    }
}
