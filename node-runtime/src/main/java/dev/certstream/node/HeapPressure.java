package dev.certstream.node;

/**
 * Whether a heap is too full to take on more, decided from its old generation's figures: shedding starts
 * when the data live after a collection passes the shed mark, and ends when what is used falls to the
 * resume mark. Fed by one thread; read from any.
 */
final class HeapPressure {

    private final long shedAt;
    private final long resumeAt;
    private volatile boolean shedding;
    private volatile long episodes;
    private volatile long sheddingNanos;
    private volatile long live = -1;
    private volatile long since;

    /** @param shedAt bytes live after a collection past which to shed; {@code resumeAt} bytes used at which to stop */
    HeapPressure(long shedAt, long resumeAt) {
        if (resumeAt < 0 || resumeAt >= shedAt) {
            throw new IllegalArgumentException("resumeAt must be in [0, shedAt): " + resumeAt + ", " + shedAt);
        }
        this.shedAt = shedAt;
        this.resumeAt = resumeAt;
    }

    /**
     * One look at the old generation.
     *
     * @param liveAfterCollection bytes it held right after its last collection (the live data then)
     * @param usedNow             bytes it holds now: garbage promoted since is not yet collected, so this
     *                            is at least the live data, and at or below the resume mark proves it is
     * @return whether to shed now
     */
    boolean observe(long liveAfterCollection, long usedNow, long nowNanos) {
        live = liveAfterCollection;
        if (!shedding && liveAfterCollection > shedAt) {
            shedding = true;
            since = nowNanos;
            episodes++;
        } else if (shedding && Math.min(liveAfterCollection, usedNow) <= resumeAt) {
            shedding = false;
            sheddingNanos += nowNanos - since;
        }
        return shedding;
    }

    boolean shedding() {
        return shedding;
    }

    /** Times shedding started. */
    long episodes() {
        return episodes;
    }

    /** Nanoseconds spent shedding, the current episode up to {@code nowNanos} included. */
    long sheddingNanos(long nowNanos) {
        return sheddingNanos + (shedding ? nowNanos - since : 0);
    }

    /** Bytes live after the last collection seen, -1 before the first look. */
    long live() {
        return live;
    }

    long shedAt() {
        return shedAt;
    }

    long resumeAt() {
        return resumeAt;
    }
}
