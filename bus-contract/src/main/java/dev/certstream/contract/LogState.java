package dev.certstream.contract;

import java.util.Locale;

/** What a watcher is doing with one log, as {@link LogStatus} carries it; the JSON holds the lowercase word. */
public enum LogState {
    /** Loading its progress or reading the tree head for the first time. */
    STARTING,
    /** Reading entries or waiting for the tree to grow. */
    FOLLOWING,
    /** Waiting after a failure before it asks the log again. */
    BACKOFF,
    /**
     * Still followed and published, but caught lying: its entries did not hash to its signed root, or two
     * of its signed heads are inconsistent. Its entries are no longer marked verified; the evidence is in
     * the log's {@code misbehaviour}.
     */
    MISBEHAVING,
    /** No longer followed by this watcher (handed over, removed from the list, or shut down). */
    STOPPED;

    /** The word in the JSON: {@code starting}, {@code following}, {@code backoff}, {@code misbehaving}, {@code stopped}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a JSON word names, or null for null or a word this version does not know. */
    public static LogState fromWire(String word) {
        if (word == null) {
            return null;
        }
        for (LogState state : values()) {
            if (state.wireName().equals(word)) {
                return state;
            }
        }
        return null;
    }
}
