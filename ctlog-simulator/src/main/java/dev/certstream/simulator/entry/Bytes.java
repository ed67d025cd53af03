package dev.certstream.simulator.entry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Byte helpers for the TLS-style encodings CT uses (big-endian fixed-width integers) and hashing. */
public final class Bytes {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Bytes() {
    }

    public static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Writes {@code value} big-endian into {@code width} bytes at {@code offset}; returns the next offset. */
    public static int put(byte[] out, int offset, long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            out[offset + i] = (byte) value;
            value >>>= 8;
        }
        return offset + width;
    }

    /** Reads a big-endian unsigned integer of {@code width} bytes. */
    static long get(byte[] in, int offset, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (in[offset + i] & 0xff);
        }
        return value;
    }

    static String hex(byte[] data) {
        char[] out = new char[data.length * 2];
        for (int i = 0; i < data.length; i++) {
            out[2 * i] = HEX[(data[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[data[i] & 0xf];
        }
        return new String(out);
    }

    /** Every start offset of {@code needle} in {@code haystack}. */
    static int[] findAll(byte[] haystack, byte[] needle) {
        int[] found = new int[4];
        int count = 0;
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            if (count == found.length) {
                found = java.util.Arrays.copyOf(found, count * 2);
            }
            found[count++] = i;
        }
        return java.util.Arrays.copyOf(found, count);
    }
}
