package dev.certstream.gateway.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One index build, decided under the catalog's lock and run outside it: either only the recent segment
 * (its live filters plus the new ones) or, when that has grown past a fraction of the main segment or too
 * many indexed filters are dead, everything live folded into a new main segment.
 */
record BuildPlan(IndexSnapshot current, boolean full, List<FilterEntry> mainEntries, List<FilterEntry> recentEntries,
                 List<FilterEntry> added) {

    static BuildPlan of(IndexSnapshot current, List<FilterEntry> pending, int minRecentPatterns) {
        List<FilterEntry> recent = alive(current.recent.filters);
        recent.addAll(pending);
        long recentPatterns = recent.stream().mapToLong(FilterEntry::patterns).sum();
        List<FilterEntry> mainAlive = alive(current.main.filters);
        int dead = current.filters() - mainAlive.size() - (recent.size() - pending.size());
        boolean full = recentPatterns > Math.max(minRecentPatterns, current.main.patterns / 16)
                || dead * 4L > current.filters();
        if (!full) {
            return new BuildPlan(current, false, null, recent, List.copyOf(pending));
        }
        mainAlive.addAll(recent);
        return new BuildPlan(current, true, mainAlive, List.of(), List.copyOf(pending));
    }

    private static List<FilterEntry> alive(FilterEntry[] entries) {
        List<FilterEntry> out = new ArrayList<>();
        for (FilterEntry entry : entries) {
            if (entry.alive()) {
                out.add(entry);
            }
        }
        return out;
    }

    IndexSnapshot build() {
        FilterSegment main = full ? SegmentBuilder.build(mainEntries) : current.main;
        return new IndexSnapshot(main, SegmentBuilder.build(recentEntries), current.generation() + 1);
    }

    /**
     * Marks what the new index holds, forgets dead filters it dropped, queues again a dropped filter that a
     * client revived while the build ran, and collects the filters that became live. Returns how many
     * indexed filters are dead. Call under the catalog's lock.
     */
    int publish(IndexSnapshot old, IndexSnapshot next, Consumer<FilterEntry> forget, List<FilterEntry> pending,
                List<FilterEntry> nowLive) {
        for (FilterSegment segment : List.of(old.main, old.recent)) {
            for (FilterEntry entry : segment.filters) {
                entry.indexed = false;
            }
        }
        int dead = 0;
        for (FilterSegment segment : List.of(next.main, next.recent)) {
            for (FilterEntry entry : segment.filters) {
                entry.indexed = true;
                dead += entry.alive() ? 0 : 1;
                if (!entry.live.isDone()) {
                    nowLive.add(entry);
                }
            }
        }
        for (FilterSegment segment : List.of(old.main, old.recent)) {
            for (FilterEntry entry : segment.filters) {
                if (!entry.indexed && !entry.alive()) {
                    forget.accept(entry);
                } else if (!entry.indexed && !pending.contains(entry)) {
                    pending.add(entry); // revived while this build dropped it: index it again
                }
            }
        }
        return dead;
    }
}
