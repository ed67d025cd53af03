package dev.certstream.watcher.ct;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Undoes the gzip that static-ct-api logs may apply to any response without being asked, refusing to
 * inflate past a cap so a gzip bomb costs at most that much memory.
 *
 * <p>The decision is made on the bytes: they are inflated when they start with the gzip magic
 * ({@code 1f 8b}), whatever the header says. A {@code Content-Encoding: gzip} header over bytes without
 * the magic means a lower layer (the HTTP client) already inflated them, so they pass through; this is
 * safe because nothing a log serves starts with {@code 1f 8b} (a data tile starts with a millisecond
 * timestamp, a checkpoint with its origin text, an issuer with a DER SEQUENCE tag {@code 30}).
 */
public final class BoundedGunzip {

    private static final int MAGIC_1 = 0x1f;
    private static final int MAGIC_2 = 0x8b;
    private static final int CHUNK = 16 * 1024;
    /** Deflate inflates at most about 1032 bytes per input byte. */
    private static final int MAX_DEFLATE_RATIO = 1032;

    private BoundedGunzip() {
    }

    /** The decompressed body would pass the cap. */
    public static final class SizeLimitExceededException extends IOException {
        public SizeLimitExceededException(String message) {
            super(message);
        }
    }

    /**
     * @param body            the response body as received
     * @param contentEncoding the {@code Content-Encoding} header, or null
     * @param maxBytes        the most bytes returned, inflated or passed through
     * @return the body, inflated when it is gzip
     * @throws SizeLimitExceededException when inflating would pass {@code maxBytes}
     * @throws IOException                on corrupt or truncated gzip, or a coding other than gzip/identity
     */
    public static byte[] decode(byte[] body, String contentEncoding, int maxBytes) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes " + maxBytes);
        }
        checkCoding(contentEncoding);
        if (!isGzip(body)) {
            if (body.length > maxBytes) {
                throw new SizeLimitExceededException("body of " + body.length + " bytes is over the cap of "
                        + maxBytes);
            }
            return body;
        }
        return inflate(body, maxBytes);
    }

    /** True when the bytes start with the gzip magic number. */
    public static boolean isGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xFF) == MAGIC_1 && (body[1] & 0xFF) == MAGIC_2;
    }

    /** We send {@code Accept-Encoding: gzip, identity}; any other coding cannot be read, so say so. */
    private static void checkCoding(String contentEncoding) throws IOException {
        if (contentEncoding == null) {
            return;
        }
        for (String coding : contentEncoding.split(",")) {
            String name = coding.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals("gzip") && !name.equals("x-gzip") && !name.equals("identity")) {
                throw new IOException("unsupported Content-Encoding: " + contentEncoding);
            }
        }
    }

    /**
     * Inflates once, straight into the result: gzip's trailer gives the inflated size (mod 2^32), so an
     * honest single-member body lands in an exactly sized array. A size past the cap, or past what deflate
     * can reach from this many bytes, is a lie or a bomb and is not trusted; the array then grows as
     * needed, never past the cap.
     */
    private static byte[] inflate(byte[] body, int maxBytes) throws IOException {
        long claimed = trailerSize(body);
        int size = claimed >= 0 && claimed <= maxBytes && claimed <= (long) body.length * MAX_DEFLATE_RATIO ? (int) claimed
                : (int) Math.min(maxBytes, Math.max(CHUNK, body.length * 4L));
        byte[] out = new byte[size];
        int length = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), CHUNK)) {
            while (true) {
                if (length == out.length) {
                    int next = in.read();
                    if (next < 0) {
                        return out;
                    }
                    if (length == maxBytes) {
                        throw new SizeLimitExceededException("gzip body inflates past the cap of " + maxBytes + " bytes");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(maxBytes, Math.max(CHUNK, out.length * 2L)));
                    out[length++] = (byte) next;
                }
                int read = in.read(out, length, out.length - length);
                if (read < 0) {
                    return length == out.length ? out : Arrays.copyOf(out, length);
                }
                length += read;
            }
        }
    }

    /** ISIZE, the last four bytes of a gzip member, little-endian: the inflated size modulo 2^32. */
    private static long trailerSize(byte[] body) {
        int n = body.length;
        if (n < 18) {
            return -1;
        }
        return (body[n - 4] & 0xFFL) | (body[n - 3] & 0xFFL) << 8 | (body[n - 2] & 0xFFL) << 16
                | (body[n - 1] & 0xFFL) << 24;
    }
}
