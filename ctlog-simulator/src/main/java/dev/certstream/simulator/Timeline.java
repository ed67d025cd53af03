package dev.certstream.simulator;

/**
 * A log's steady growth: from {@code startMs} it gains {@code perSecond} entries a second, so both
 * how many it has gained by a given time and when each entry was logged follow from the clock alone
 * (no per-entry record, and a late timer tick catches up instead of drifting).
 *
 * @param startMs     when growth starts (the simulator's start)
 * @param initialSize the tree size at {@code startMs}
 * @param perSecond   entries per second; 0 = the log only grows by {@code append}
 */
record Timeline(long startMs, long initialSize, double perSecond) {

    /** Entries gained by steady growth between the start and {@code nowMs}. */
    long grownBy(long nowMs) {
        return perSecond <= 0 || nowMs <= startMs ? 0 : (long) Math.floor((nowMs - startMs) * perSecond / 1000.0);
    }

    /**
     * When steady growth reached entry {@code index}: entries after the initial tree are stamped with the
     * moment {@link #grownBy} first counted them, so a client never sees an entry before its timestamp;
     * the initial ones are spaced back in time at the same rate. Needs {@code perSecond > 0}.
     */
    long timestampOf(long index) {
        return startMs + (long) Math.ceil((index - initialSize + 1) * 1000.0 / perSecond);
    }
}
