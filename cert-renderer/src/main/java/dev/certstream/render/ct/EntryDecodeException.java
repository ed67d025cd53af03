package dev.certstream.render.ct;

/**
 * A CT log entry (or a tile of entries) that cannot be decoded; the watcher counts it against the log
 * and the index and moves on.
 */
public final class EntryDecodeException extends Exception {

    /** Marks an error that is not tied to one entry index. */
    public static final long NO_INDEX = -1;

    private final String source;
    private final long index;

    /**
     * @param source where the bytes came from (a data tile path, a get-entries link), for the log line
     * @param index  the entry index where decoding broke, or {@link #NO_INDEX}
     */
    public EntryDecodeException(String source, long index, String message, Throwable cause) {
        super(source + (index == NO_INDEX ? "" : " entry " + index) + ": " + message, cause);
        this.source = source;
        this.index = index;
    }

    public EntryDecodeException(String source, long index, String message) {
        this(source, index, message, null);
    }

    /** The data tile path or get-entries link the bytes came from. */
    public String source() {
        return source;
    }

    /** The index of the entry that failed, or {@link #NO_INDEX}. */
    public long index() {
        return index;
    }
}
