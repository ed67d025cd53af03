package dev.certstream.simulator;

import io.vertx.core.buffer.Buffer;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single HTTP byte range, {@code bytes=N-} or {@code bytes=N-M} (RFC 9110 section 14), and how it cuts
 * an answer: 206 with Content-Range, or 416 when it starts past the end. Other forms (suffix ranges,
 * several ranges) are not understood, and a server may then ignore the header and send the whole body.
 *
 * @param first first byte wanted
 * @param last  last byte wanted (inclusive), or -1 for "to the end"
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{1,15})-(\\d{1,15})?");

    /** The range a Range header asks for, or null when it is absent or not a single range we understand. */
    static ByteRange parse(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches()) {
            return null;
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2) == null ? -1 : Long.parseLong(m.group(2));
        return last >= 0 && last < first ? null : new ByteRange(first, last);
    }

    /** The part of a 200 answer this range selects: 206 with Content-Range, or 416 past its end. */
    Reply cut(Reply whole) {
        long length = whole.body().length();
        Map<String, String> headers = new HashMap<>(whole.headers());
        if (first >= length) {
            headers.put("Content-Range", "bytes */" + length);
            return new Reply(416, "text/plain; charset=utf-8", Buffer.buffer("range starts past the end\n"), headers);
        }
        long end = last < 0 ? length - 1 : Math.min(last, length - 1);
        headers.put("Content-Range", "bytes " + first + "-" + end + "/" + length);
        return new Reply(206, whole.contentType(), whole.body().getBuffer((int) first, (int) end + 1), headers);
    }
}
