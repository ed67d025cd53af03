package dev.certstream.gateway.filter;

import dev.certstream.contract.StreamKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The distinct filters of one gateway process and the index over them, shared by every instance. Clients
 * with the same canonical filter share one {@link FilterEntry}. A new filter is built into the small recent
 * segment on the build executor (never on an event loop) and its {@link #acquire} future completes once a
 * published index holds it, so a client's stream starts complete; the recent segment is folded into the main
 * one when it grows past a fraction of it, and filters nobody uses any more are dropped then, so the cost
 * of a change stays proportional to the recent segment, not to all filters. Thread-safe.
 */
public final class FilterCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(FilterCatalog.class);
    /** The recent segment is folded into the main one past max(this, main/16) patterns. */
    private static final int MIN_RECENT_PATTERNS = 1000;

    private final FilterLimits limits;
    private final int instances;
    private final Executor builds;
    private final Map<String, FilterEntry> byKey = new HashMap<>();
    private final List<FilterEntry> pending = new ArrayList<>();
    private volatile IndexSnapshot snapshot = IndexSnapshot.EMPTY;
    private int aliveFilters;
    private int alivePatterns;
    /** {@link FilterEntry#bytes} over every filter held: live ones and dead ones an index still holds. */
    private long heldBytes;
    /** Clients' filters using each regex that has no prefilter literal (the cost is per distinct regex). */
    private final Map<String, Integer> scanRegexUses = new HashMap<>();
    private int deadIndexed;
    private boolean building;
    private boolean again;
    private final BuildStats stats = new BuildStats();

    /**
     * @param instances gateway instances, each with its own {@link FilterEntry#local} slot
     * @param builds    where index builds run: one at a time, off the event loops
     */
    public FilterCatalog(FilterLimits limits, int instances, Executor builds) {
        this.limits = limits;
        this.instances = instances;
        this.builds = builds;
    }

    /** The index to match against now. */
    public IndexSnapshot snapshot() {
        return snapshot;
    }

    public BuildStats stats() {
        return stats;
    }

    /** Filters with at least one client. */
    public synchronized int distinct() {
        return aliveFilters;
    }

    /**
     * Counts a client of {@code spec} on {@code kind} and returns the shared entry, whose
     * {@link FilterEntry#live()} completes once the published index holds it (at once when it already does).
     * Throws a 503 {@link FilterException} when a new filter would exceed the gateway's {@link FilterLimits}.
     */
    public synchronized FilterEntry acquire(FilterSpec spec, StreamKind kind) {
        FilterEntry entry = byKey.get(spec.key());
        if (entry == null) {
            entry = new FilterEntry(spec, instances);
        }
        if (!entry.alive()) {
            long scan = entry.scanRegexes().stream().filter(r -> !scanRegexUses.containsKey(r)).count();
            if (aliveFilters + 1 > limits.maxDistinct()) {
                throw FilterException.capacity("this gateway holds its maximum of " + limits.maxDistinct()
                        + " distinct filters; try again later or another gateway");
            }
            if (alivePatterns + entry.patterns() > limits.maxPatterns()) {
                throw FilterException.capacity("this gateway holds its maximum of " + limits.maxPatterns()
                        + " filter patterns; try again later or another gateway");
            }
            // Dead filters count until a rebuild drops them (the index holds them all the same), so a filter
            // revived from them costs nothing new.
            long held = heldBytes + (byKey.get(entry.key()) == entry ? 0 : entry.bytes());
            if (held > limits.maxIndexBytes()) {
                throw FilterException.capacity("this gateway's filters would take more than its maximum of "
                        + limits.maxIndexBytes() + " bytes of filter index (CERTSTREAM_FILTER_MAX_INDEX_BYTES; "
                        + "this filter needs about " + entry.bytes() + "); try again later or another gateway");
            }
            if (scan > 0 && scanRegexUses.size() + scan > limits.maxScanRegexes()) {
                throw FilterException.capacity("this gateway runs its maximum of " + limits.maxScanRegexes()
                        + " regular expressions without a literal part of " + RegexShape.MIN_LITERAL
                        + "+ characters on every certificate; add one (e.g. 'paypal' in 'p.?aypal') or use keyword=");
            }
            entry.alive(true);
            aliveFilters++;
            alivePatterns += entry.patterns();
            entry.scanRegexes().forEach(r -> scanRegexUses.merge(r, 1, Integer::sum));
            if (entry.indexed) {
                deadIndexed--;
            } else if (byKey.putIfAbsent(entry.key(), entry) == null) {
                heldBytes += entry.bytes();
                pending.add(entry);
                schedule();
            }
        }
        entry.addClient(kind, 1);
        return entry;
    }

    /** Forgets one client of the entry; the last one makes the filter dead (dropped at a later build). */
    public synchronized void release(FilterEntry entry, StreamKind kind) {
        if (entry.addClient(kind, -1) > 0 || !entry.alive()) {
            return;
        }
        entry.alive(false);
        aliveFilters--;
        alivePatterns -= entry.patterns();
        entry.scanRegexes().forEach(r -> scanRegexUses.computeIfPresent(r, (k, n) -> n == 1 ? null : n - 1));
        if (entry.indexed) {
            deadIndexed++;
            if (deadIndexed * 4L > snapshot.filters()) {
                schedule();
            }
        } else {
            // Not indexed yet (or a failed build dropped it): forget it now; a build that took it indexes it dead.
            pending.remove(entry);
            forget(entry);
        }
    }

    /** Drops a filter no index holds and no client uses. Call under the lock. */
    private void forget(FilterEntry entry) {
        if (byKey.remove(entry.key(), entry)) {
            heldBytes -= entry.bytes();
        }
    }

    /** {@link FilterEntry#bytes} over the filters held, live or awaiting removal from the index. */
    public synchronized long heldBytes() {
        return heldBytes;
    }

    private void schedule() {
        if (building) {
            again = true;
            return;
        }
        building = true;
        again = false;
        builds.execute(this::build);
    }

    private void build() {
        BuildPlan plan;
        synchronized (this) {
            plan = BuildPlan.of(snapshot, pending, MIN_RECENT_PATTERNS);
            pending.clear();
        }
        long started = System.nanoTime();
        IndexSnapshot next;
        try {
            next = plan.build();
        } catch (RuntimeException | Error e) {
            LOG.error("building the filter index failed; {} new filters refused", plan.added().size(), e);
            synchronized (this) {
                building = false;
                plan.added().forEach(this::forget);
            }
            plan.added().forEach(entry -> entry.live.completeExceptionally(e));
            return;
        }
        stats.built(plan.full(), System.nanoTime() - started, next);
        if (plan.full()) {
            LOG.info("filter index rebuilt: {} filters, {} patterns, {} regexes ({} without literal) in {} ms",
                    next.filters(), next.patterns(), next.regexes(), next.scanRegexes(), stats.lastBuildMillis());
        }
        List<FilterEntry> nowLive = new ArrayList<>();
        synchronized (this) {
            deadIndexed = plan.publish(snapshot, next, this::forget, pending, nowLive);
            snapshot = next;
            building = false;
            if (again || !pending.isEmpty() || deadIndexed * 4L > next.filters()) {
                schedule();
            }
        }
        nowLive.forEach(entry -> entry.live.complete(entry));
    }
}
