package dev.certstream.node;

import dev.certstream.testing.Wait;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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

    /**
     * G1 (this test JVM's collector) may never run a full collection, and only a full one updates the old
     * pool's own "collection usage": the guard must read what its young and mixed collections leave instead.
     */
    @Test
    void aYoungCollectionThatCollectsTheOldGenerationShowsItsLiveData() {
        MemoryPoolMXBean pool = HeapGuard.oldGeneration();
        List<GarbageCollectorMXBean> managing = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(c -> List.of(c.getMemoryPoolNames()).contains(pool.getName())).toList();
        Assumptions.assumeTrue(pool.getName().equals("G1 Old Gen"), "G1 only: " + pool.getName());
        GarbageCollectorMXBean full = managing.stream().filter(c -> c.getName().equals("G1 Old Generation")).findFirst().orElseThrow();
        System.gc();
        long base = pool.getUsage().getUsed();
        HeapGuard guard = new HeapGuard(pool, base + (32 << 20), base + (16 << 20));
        long fullCollections = full.getCollectionCount();
        // Humongous arrays (a region of 1 MB for a 1 GB heap: half a region or more) go straight to the old generation.
        List<byte[]> live = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            live.add(new byte[1 << 20]);
        }
        Wait.until("a young collection to see 48 MB more live data", Duration.ofSeconds(30), Duration.ofMillis(10), () -> {
            for (int i = 0; i < 2_000; i++) {
                garbage = new byte[16 << 10];
            }
            guard.check();
            return guard.isShedding();
        });
        Assumptions.assumeTrue(full.getCollectionCount() == fullCollections, "a full collection came: shows nothing new");
        assertTrue(live.size() == 48);
    }

    /** Written so the JIT cannot drop the allocations that make young collections happen. */
    static volatile byte[] garbage;
}
