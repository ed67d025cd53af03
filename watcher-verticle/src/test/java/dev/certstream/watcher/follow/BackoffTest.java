package dev.certstream.watcher.follow;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    @Test
    void ceilingDoublesUpToTheCapAndDelaysStayUnderIt() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        long[] ceilings = new long[6];
        for (int i = 0; i < ceilings.length; i++) {
            long delay = backoff.nextDelayMs(null);
            ceilings[i] = backoff.ceilingMs();
            assertTrue(delay >= 100 && delay <= ceilings[i], "delay " + delay + " within [100, " + ceilings[i] + "]");
        }
        assertEquals(100, ceilings[0]);
        assertEquals(200, ceilings[1]);
        assertEquals(400, ceilings[2]);
        assertEquals(800, ceilings[3]);
        assertEquals(1000, ceilings[4]);
        assertEquals(1000, ceilings[5]);
        backoff.reset();
        assertEquals(0, backoff.failures());
    }

    @Test
    void retryAfterIsAFloorButNotUnbounded() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(100));
        assertEquals(700, backoff.nextDelayMs(Duration.ofMillis(700)));
        assertEquals(1000, backoff.nextDelayMs(Duration.ofDays(1)), "capped at ten times the backoff cap");
    }

    @Test
    void jitterSpreadsRetries() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofSeconds(100));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            Backoff fresh = new Backoff(Duration.ofMillis(1), Duration.ofSeconds(100));
            for (int k = 0; k < 10; k++) {
                fresh.nextDelayMs(null);
            }
            seen.add(fresh.nextDelayMs(null));
        }
        assertTrue(seen.size() > 10, "jittered delays differ: " + seen.size());
        assertTrue(backoff.nextDelayMs(null) >= 1);
    }
}
