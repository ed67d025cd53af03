package dev.certstream.watcher.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PauseFenceTest {

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final AtomicInteger lapses = new AtomicInteger();
    private final PauseFence fence = new PauseFence(Duration.ofSeconds(7), now::get, lapses::incrementAndGet);

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void regularTicksKeepItOpen() {
        for (int i = 0; i < 100; i++) {
            advance(1000);
            fence.tick();
            assertTrue(fence.allowsPublishing());
        }
        assertEquals(0, lapses.get());
    }

    @Test
    void aPublishAfterAStandstillIsRefusedBeforeAnyTickRuns() {
        fence.tick();
        advance(12_000); // frozen: no tick ran, the first thing to run after the thaw is a publish
        assertFalse(fence.allowsPublishing());
        assertFalse(fence.allowsPublishing(), "refused until resumed, not only once");
        fence.tick();
        assertFalse(fence.allowsPublishing());
        assertEquals(1, lapses.get(), "the lapse is reported once");
        assertEquals(Duration.ofSeconds(12), fence.lapsedFor());
        fence.resume();
        assertTrue(fence.allowsPublishing());
    }

    @Test
    void aTickAfterAStandstillLapsesItToo() {
        advance(7_001);
        fence.tick();
        assertTrue(fence.lapsed());
        assertEquals(1, lapses.get());
    }

    @Test
    void aStandstillWithinTheLimitIsHarmless() {
        advance(6_999);
        assertTrue(fence.allowsPublishing());
        fence.tick();
        assertEquals(0, lapses.get());
    }
}
