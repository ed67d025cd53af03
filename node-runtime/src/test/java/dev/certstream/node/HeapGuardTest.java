package dev.certstream.node;

import dev.certstream.testing.Wait;
import org.junit.jupiter.api.Test;

import java.lang.management.MemoryPoolMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guard on this test JVM's real heap: live data past its mark makes it shed, freeing it ends that. */
class HeapGuardTest {

    @Test
    void shedsWhileLiveDataIsPastTheMarkAndAsksForTheCollectionThatShowsItFreed() {
        MemoryPoolMXBean pool = HeapGuard.oldGeneration();
        assertNotNull(pool, "no old generation found among the heap pools");
        System.gc();
        long base = pool.getCollectionUsage().getUsed();
        // Marks relative to what this JVM holds now: 48 MB more live data is past the mark, 16 MB more is not.
        HeapGuard guard = new HeapGuard(pool, base + (32 << 20), base + (16 << 20));
        List<byte[]> live = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            live.add(new byte[1 << 20]);
        }
        System.gc(); // promotes them all and measures them live
        guard.check();
        assertTrue(guard.isShedding(), "48 MB live past a mark 32 MB above " + (base >> 20) + " MB: " + guard.figures());
        live.clear();
        // No collection of our own: the guard must ask for one, since only a collection shows the data is gone.
        Wait.until("the guard to see the heap freed", Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
            guard.check();
            return !guard.isShedding();
        });
    }
}
