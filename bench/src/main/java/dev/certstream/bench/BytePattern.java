package dev.certstream.bench;

import java.nio.charset.StandardCharsets;

/**
 * A fixed ASCII byte sequence found in a buffer by Boyer-Moore-Horspool: it reads only about one byte in
 * {@code length} of a message, so scanning every received frame stays cheaper than the socket read itself.
 * Immutable and shared by every thread.
 */
final class BytePattern {

    private final byte[] pattern;
    private final int[] skip = new int[256];
    /** For {@link #lastIndexIn}: how far back the next possible start is, by the byte at the current start. */
    private final int[] backSkip = new int[256];

    BytePattern(String ascii) {
        pattern = ascii.getBytes(StandardCharsets.US_ASCII);
        if (pattern.length == 0) {
            throw new IllegalArgumentException("empty pattern");
        }
        java.util.Arrays.fill(skip, pattern.length);
        for (int i = 0; i < pattern.length - 1; i++) {
            skip[pattern[i] & 0xff] = pattern.length - 1 - i;
        }
        java.util.Arrays.fill(backSkip, pattern.length);
        for (int i = pattern.length - 1; i >= 1; i--) {
            backSkip[pattern[i] & 0xff] = i;
        }
    }

    int length() {
        return pattern.length;
    }

    /** The first index in {@code [from, to)} where the pattern starts, or -1. */
    int indexIn(MessageBytes buffer, int from, int to) {
        int last = pattern.length - 1;
        int end = Math.min(to, buffer.length());
        for (int at = Math.max(from, 0); at + last < end; ) {
            byte tail = buffer.at(at + last);
            if (tail == pattern[last] && matchesBefore(buffer, at, last)) {
                return at;
            }
            at += skip[tail & 0xff];
        }
        return -1;
    }

    /**
     * The last index in {@code [from, to)} where the whole pattern fits and starts, or -1: Horspool from the
     * end (the shift taken from the byte at the window's start), the last byte compared first as above.
     */
    int lastIndexIn(MessageBytes buffer, int from, int to) {
        int last = pattern.length - 1;
        int start = Math.max(from, 0);
        for (int at = Math.min(to, buffer.length()) - pattern.length; at >= start; ) {
            if (buffer.at(at + last) == pattern[last] && matchesBefore(buffer, at, last)) {
                return at;
            }
            at -= backSkip[buffer.at(at) & 0xff];
        }
        return -1;
    }

    private boolean matchesBefore(MessageBytes buffer, int at, int last) {
        for (int i = last - 1; i >= 0; i--) {
            if (buffer.at(at + i) != pattern[i]) {
                return false;
            }
        }
        return true;
    }
}
