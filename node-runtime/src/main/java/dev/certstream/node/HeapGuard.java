package dev.certstream.node;

import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The last line before an OutOfMemoryError: watches this JVM's old generation after every collection and,
 * while its live data is past the shed mark, tells the roles to take on nothing more (a gateway refuses
 * new streams with 503, a watcher stops fetching beyond one page) until enough is freed. Every bound in
 * the memory budget stays in force; this covers their sum exceeding the heap, or a bound set too high.
 * One per JVM, since the heap is; {@link #shedding()} is a volatile read, cheap on any hot path.
 */
public final class HeapGuard {

    private static final Logger LOG = LoggerFactory.getLogger(HeapGuard.class);
    /** A look every 100 ms: at the ingest ceiling Serial's full collections come every ~250 ms. */
    static final long CHECK_MILLIS = 100;
    /**
     * While shedding, a full collection is asked for when none came for this long: a heap that stopped
     * growing may never collect its old generation again, and only a collection shows the live data fell.
     */
    static final long COLLECT_AFTER_NANOS = 2_000_000_000L;

    private static volatile HeapGuard installed;

    private final MemoryPoolMXBean pool;
    private final List<GarbageCollectorMXBean> collectors;
    private final HeapPressure pressure;
    private volatile long explicitCollections;
    private long lastCount = -1;
    private long lastLive = -1;
    private long lastCollectionNanos = System.nanoTime();

    HeapGuard(MemoryPoolMXBean pool, long shedAt, long resumeAt) {
        this.pool = pool;
        this.collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(c -> List.of(c.getMemoryPoolNames()).contains(pool.getName())).toList();
        this.pressure = new HeapPressure(shedAt, resumeAt);
    }

    /** Starts this JVM's guard (once; later calls keep the first). Off, it never sheds. */
    public static synchronized void install(HeapGuardSettings settings) {
        if (installed != null || settings.off()) {
            return;
        }
        MemoryPoolMXBean pool = oldGeneration();
        if (pool == null) {
            LOG.warn("no old-generation heap pool found; the heap guard is off");
            return;
        }
        long max = pool.getUsage().getMax() > 0 ? pool.getUsage().getMax() : Runtime.getRuntime().maxMemory();
        HeapGuard guard = new HeapGuard(pool, max * settings.shedPercent() / 100, max * settings.resumePercent() / 100);
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "certstream-heap-guard");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(guard::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        installed = guard;
        LOG.info("heap guard: {} of {} MB ({}); sheds past {} MB live, resumes at {} MB", pool.getName(), max >> 20,
                String.join(", ", guard.collectors.stream().map(GarbageCollectorMXBean::getName).toList()),
                guard.pressure.shedAt() >> 20, guard.pressure.resumeAt() >> 20);
    }

    /** Whether this JVM's heap is too full to take on more now; false without a guard. */
    public static boolean shedding() {
        HeapGuard guard = installed;
        return guard != null && guard.pressure.shedding();
    }

    /** The guard's figures for {@code /stats}; {@code {"installed": false}} without one. */
    public static JsonObject json() {
        HeapGuard guard = installed;
        return guard == null ? new JsonObject().put("installed", false) : guard.figures();
    }

    /** The installed guard, or null (for metrics). */
    static HeapGuard current() {
        return installed;
    }

    /** The pool long-lived data ends in: Serial's Tenured Gen, G1's Old Gen, ZGC's single heap. */
    static MemoryPoolMXBean oldGeneration() {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
        for (MemoryPoolMXBean pool : heap) {
            String name = pool.getName();
            if (name.contains("Old") || name.contains("Tenured")) {
                return pool;
            }
        }
        return heap.size() == 1 ? heap.get(0) : null;
    }

    /** One look: runs on the guard's thread. */
    void check() {
        try {
            long now = System.nanoTime();
            long count = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
            if (count != lastCount) {
                // Read only when a collection came: the figures are built anew on each call.
                lastCount = count;
                lastCollectionNanos = now;
                lastLive = liveAfterLastCollection();
            }
            long live = lastLive;
            if (live < 0) {
                // No collection of this pool yet: what it holds is mostly garbage promoted since start.
                return;
            }
            long used = pool.getUsage().getUsed();
            boolean wasShedding = pressure.shedding();
            boolean shedding = pressure.observe(live, used, now);
            if (shedding != wasShedding) {
                LOG.warn(shedding ? "heap guard: {} MB live after a collection, past {} MB: refusing new streams and holding fetches"
                        : "heap guard: {} MB used, at most {} MB: taking on load again", (shedding ? live : used) >> 20,
                        (shedding ? pressure.shedAt() : pressure.resumeAt()) >> 20);
            }
            if (shedding && now - lastCollectionNanos > COLLECT_AFTER_NANOS) {
                lastCollectionNanos = now;
                explicitCollections++;
                System.gc();
            }
        } catch (RuntimeException e) {
            LOG.warn("heap guard check failed: {}", e.toString());
        }
    }

    /**
     * What the pool held right after the latest collection that collected it, -1 before any. Each collector
     * that manages the pool says so in its last collection's figures: Serial's and Parallel's full
     * collections, G1's young and mixed ones as well as its full ones, ZGC's cycles. (The pool's own
     * "collection usage" is no good for G1: only a full collection updates it, and G1 may never run one.)
     * A young collection that does not manage the pool (Serial's) says nothing: it only adds to it.
     */
    private long liveAfterLastCollection() {
        long latestEnd = -1;
        long live = -1;
        for (GarbageCollectorMXBean collector : collectors) {
            if (collector instanceof com.sun.management.GarbageCollectorMXBean detailed) {
                GcInfo last = detailed.getLastGcInfo();
                MemoryUsage after = last == null ? null : last.getMemoryUsageAfterGc().get(pool.getName());
                if (after != null && last.getEndTime() >= latestEnd) {
                    latestEnd = last.getEndTime();
                    live = after.getUsed();
                }
            }
        }
        if (latestEnd < 0 && lastCount > 0 && pool.getCollectionUsage() != null) {
            live = pool.getCollectionUsage().getUsed(); // a JVM without the detailed beans
        }
        return live;
    }

    boolean isShedding() {
        return pressure.shedding();
    }

    long episodes() {
        return pressure.episodes();
    }

    double sheddingSeconds() {
        return pressure.sheddingNanos(System.nanoTime()) / 1e9;
    }

    long live() {
        return pressure.live();
    }

    JsonObject figures() {
        return new JsonObject().put("installed", true).put("pool", pool.getName())
                .put("shedding", pressure.shedding()).put("live_after_collection", pressure.live())
                .put("shed_at", pressure.shedAt()).put("resume_at", pressure.resumeAt())
                .put("episodes", pressure.episodes())
                .put("shedding_ms", pressure.sheddingNanos(System.nanoTime()) / 1_000_000)
                .put("explicit_collections", explicitCollections);
    }
}
