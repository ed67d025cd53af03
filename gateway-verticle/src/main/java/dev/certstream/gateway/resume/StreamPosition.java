package dev.certstream.gateway.resume;

import java.util.Arrays;

/**
 * A mutable stream position: per log id, the next index not yet passed, in a small open-addressing table
 * (no boxing on the per-certificate path). {@link #cursor()} and {@link #encoded()} are cached until the
 * position moves. Not thread-safe: one event loop owns it.
 */
public final class StreamPosition {

    private static final int EMPTY_SLOT = 0;
    private int[] keys = new int[64];
    private long[] marks = new long[64];
    /** Id 0 is the empty-slot marker, so a log whose id is 0 is kept here instead. */
    private long zeroMark = -1;
    private int size;
    private Cursor cursor;
    private String encoded;

    public StreamPosition() {
    }

    /** A position starting at a cursor's marks. */
    public StreamPosition(Cursor start) {
        for (int i = 0; i < start.size(); i++) {
            raise(start.log(i), start.mark(i));
        }
    }

    /** Passes an entry: its log's mark becomes at least {@code index + 1}. */
    public void advance(int logId, long index) {
        raise(logId, index + 1);
    }

    /** Raises a log's mark to at least {@code mark}; true when it moved. */
    public boolean raise(int logId, long mark) {
        if (logId == EMPTY_SLOT) {
            if (mark <= zeroMark) {
                return false;
            }
            if (zeroMark < 0) {
                size++;
            }
            zeroMark = mark;
            changed();
            return true;
        }
        int slot = slot(logId);
        if (keys[slot] == logId) {
            if (mark <= marks[slot]) {
                return false;
            }
            marks[slot] = mark;
        } else {
            keys[slot] = logId;
            marks[slot] = mark;
            if (++size * 2 > keys.length) {
                grow();
            }
        }
        changed();
        return true;
    }

    /** The log's next index not passed, or -1 when the position does not know the log. */
    public long next(int logId) {
        if (logId == EMPTY_SLOT) {
            return zeroMark;
        }
        int slot = slot(logId);
        return keys[slot] == logId ? marks[slot] : -1;
    }

    public boolean covers(int logId, long index) {
        return index < next(logId);
    }

    /** Whether this position is at or beyond {@code other} for every log {@code other} knows. */
    public boolean atOrBeyond(StreamPosition other) {
        if (other.zeroMark >= 0 && zeroMark < other.zeroMark) {
            return false;
        }
        for (int i = 0; i < other.keys.length; i++) {
            if (other.keys[i] != EMPTY_SLOT && next(other.keys[i]) < other.marks[i]) {
                return false;
            }
        }
        return true;
    }

    /** Raises every mark to at least {@code other}'s. */
    public void raiseTo(StreamPosition other) {
        if (other.zeroMark >= 0) {
            raise(EMPTY_SLOT, other.zeroMark);
        }
        for (int i = 0; i < other.keys.length; i++) {
            if (other.keys[i] != EMPTY_SLOT) {
                raise(other.keys[i], other.marks[i]);
            }
        }
    }

    public StreamPosition copy() {
        StreamPosition copy = new StreamPosition();
        copy.raiseTo(this);
        return copy;
    }

    public int size() {
        return size;
    }

    public Cursor cursor() {
        if (cursor == null) {
            int[] ids = new int[size];
            int n = 0;
            if (zeroMark >= 0) {
                ids[n++] = EMPTY_SLOT;
            }
            for (int key : keys) {
                if (key != EMPTY_SLOT) {
                    ids[n++] = key;
                }
            }
            Arrays.sort(ids);
            long[] values = new long[size];
            for (int i = 0; i < size; i++) {
                values[i] = next(ids[i]);
            }
            cursor = new Cursor(ids, values);
        }
        return cursor;
    }

    public String encoded() {
        if (encoded == null) {
            encoded = cursor().encode();
        }
        return encoded;
    }

    private void changed() {
        cursor = null;
        encoded = null;
    }

    private int slot(int logId) {
        int mask = keys.length - 1;
        int slot = mix(logId) & mask;
        while (keys[slot] != EMPTY_SLOT && keys[slot] != logId) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int mix(int id) {
        int h = id * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldMarks = marks;
        keys = new int[oldKeys.length * 2];
        marks = new long[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY_SLOT) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                marks[slot] = oldMarks[i];
            }
        }
    }

    @Override
    public String toString() {
        return cursor().toString();
    }
}
