package dev.certstream.gateway.resume;

import java.util.Arrays;
import java.util.Base64;

/**
 * A position in the stream that means the same on every gateway: for each log, the next index the client has
 * not passed yet (every entry below it was delivered, told as a gap, or did not match). Encoded as base64url
 * (no padding) of a version byte and, per log in id order, the log's 4-byte {@link LogIds id} and the mark as
 * an unsigned LEB128 varint: 50 logs at billions of entries take about 450 bytes, 600 characters. Immutable.
 */
public final class Cursor {

    public static final Cursor EMPTY = new Cursor(new int[0], new long[0]);
    private static final int VERSION = 1;
    /** Longest cursor accepted (characters): room for 4,096 logs, far more than any deployment follows. */
    public static final int MAX_LENGTH = 50_000;

    private final int[] logs;
    private final long[] marks;

    /** @param logs sorted, distinct log ids; {@code marks[i]} the next index of {@code logs[i]} */
    Cursor(int[] logs, long[] marks) {
        this.logs = logs;
        this.marks = marks;
    }

    /** The next index of the log not yet passed, or -1 when the cursor does not name the log. */
    public long next(int logId) {
        int at = Arrays.binarySearch(logs, logId);
        return at < 0 ? -1 : marks[at];
    }

    /** Whether the cursor has passed this entry already. */
    public boolean covers(int logId, long index) {
        return index < next(logId);
    }

    public int size() {
        return logs.length;
    }

    int log(int i) {
        return logs[i];
    }

    long mark(int i) {
        return marks[i];
    }

    public String encode() {
        byte[] out = new byte[1 + logs.length * (4 + 10)];
        int at = 0;
        out[at++] = VERSION;
        for (int i = 0; i < logs.length; i++) {
            int id = logs[i];
            out[at++] = (byte) (id >>> 24);
            out[at++] = (byte) (id >>> 16);
            out[at++] = (byte) (id >>> 8);
            out[at++] = (byte) id;
            long value = marks[i];
            while ((value & ~0x7fL) != 0) {
                out[at++] = (byte) ((value & 0x7f) | 0x80);
                value >>>= 7;
            }
            out[at++] = (byte) value;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(out, at));
    }

    /** Reads a cursor; an {@link IllegalArgumentException} says what is wrong with it. */
    public static Cursor parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("cursor too long: " + text.length() + " characters, at most " + MAX_LENGTH);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not base64url: " + e.getMessage());
        }
        if (bytes.length == 0 || bytes[0] != VERSION) {
            throw new IllegalArgumentException("cursor version " + (bytes.length == 0 ? "missing" : bytes[0])
                    + " is not " + VERSION);
        }
        int capacity = bytes.length / 5;
        int[] logs = new int[capacity];
        long[] marks = new long[capacity];
        int count = 0;
        int at = 1;
        while (at < bytes.length) {
            if (at + 5 > bytes.length) {
                throw new IllegalArgumentException("cursor truncated at byte " + at);
            }
            int id = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
            at += 4;
            long value = 0;
            int shift = 0;
            while (true) {
                if (at >= bytes.length || shift > 56) {
                    throw new IllegalArgumentException("cursor has a bad index at byte " + at);
                }
                byte b = bytes[at++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    break;
                }
                shift += 7;
            }
            if (value < 0) {
                throw new IllegalArgumentException("cursor has an index out of range at byte " + at);
            }
            if (count > 0 && id <= logs[count - 1]) {
                throw new IllegalArgumentException("cursor logs out of order at byte " + at);
            }
            logs[count] = id;
            marks[count] = value;
            count++;
        }
        return new Cursor(Arrays.copyOf(logs, count), Arrays.copyOf(marks, count));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cursor c && Arrays.equals(logs, c.logs) && Arrays.equals(marks, c.marks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(logs) * 31 + Arrays.hashCode(marks);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Cursor{");
        for (int i = 0; i < logs.length; i++) {
            text.append(i == 0 ? "" : ", ").append(Integer.toHexString(logs[i])).append('=').append(marks[i]);
        }
        return text.append('}').toString();
    }
}
