package dev.certstream.bench;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * A fixed ASCII byte sequence found in a buffer by Boyer-Moore-Horspool: it reads only about one byte in
 * {@code length} of a message, so scanning every received frame stays cheaper than the socket read itself.
 * Immutable and shared by every thread.
 */
final class BytePattern {

    private final byte[] pattern;
    private final int[] skip = new int[256];

    BytePattern(String ascii) {
        pattern = ascii.getBytes(StandardCharsets.US_ASCII);
        if (pattern.length == 0) {
            throw new IllegalArgumentException("empty pattern");
        }
        java.util.Arrays.fill(skip, pattern.length);
        for (int i = 0; i < pattern.length - 1; i++) {
            skip[pattern[i] & 0xff] = pattern.length - 1 - i;
        }
    }

    int length() {
        return pattern.length;
    }

    /** The first index in {@code [from, to)} where the pattern starts, or -1. */
    int indexIn(Buffer buffer, int from, int to) {
        int last = pattern.length - 1;
        int end = Math.min(to, buffer.length());
        for (int at = Math.max(from, 0); at + last < end; ) {
            byte tail = buffer.getByte(at + last);
            if (tail == pattern[last] && matchesBefore(buffer, at, last)) {
                return at;
            }
            at += skip[tail & 0xff];
        }
        return -1;
    }

    private boolean matchesBefore(Buffer buffer, int at, int last) {
        for (int i = last - 1; i >= 0; i--) {
            if (buffer.getByte(at + i) != pattern[i]) {
                return false;
            }
        }
        return true;
    }
}
