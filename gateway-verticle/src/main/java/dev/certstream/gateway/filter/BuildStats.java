package dev.certstream.gateway.filter;

/** Figures of the filter index builds for {@code /stats} and {@code /metrics}; written by the build thread. */
public final class BuildStats {

    private volatile long builds;
    private volatile long fullBuilds;
    private volatile long lastBuildNanos;
    private volatile IndexSnapshot last = IndexSnapshot.EMPTY;

    void built(boolean full, long nanos, IndexSnapshot snapshot) {
        builds++;
        if (full) {
            fullBuilds++;
        }
        lastBuildNanos = nanos;
        last = snapshot;
    }

    public long builds() {
        return builds;
    }

    public long fullBuilds() {
        return fullBuilds;
    }

    public long lastBuildMillis() {
        return lastBuildNanos / 1_000_000;
    }

    /** The index as last built. */
    public IndexSnapshot last() {
        return last;
    }
}
