package dev.certstream.bench;

import io.vertx.core.buffer.Buffer;

/**
 * Reads the few fields the load tool needs ({@code seen}, {@code cert_index}, the source {@code url}, the
 * message kind) straight from a certstream message's bytes ({@link MessageBytes}), without a JSON parse or a copy.
 * Malformed input never throws: a field that cannot be read gives {@link #NOT_FOUND}.
 */
public final class MessageScanner {

    /** What a scan returns when the field is absent or unreadable. */
    public static final long NOT_FOUND = Long.MIN_VALUE;

    /** More significant digits than this cannot be held in a long; later digits only scale the value. */
    private static final int MAX_DIGITS = 18;
    private static final long[] POWERS_OF_TEN = new long[MAX_DIGITS + 1];
    /** How much of a message's end is searched first (see {@link #valueOf(MessageBytes, BytePattern)}). */
    private static final int TAIL_BYTES = 1024;
    /**
     * Where the last key was found: in the message's tail (search from the end first) or not. A guess shared
     * by every thread, written without synchronisation: a stale value costs one slower search, never a
     * wrong result.
     */
    private static boolean keysAtEnd = true;
    // Keys without their closing quote: Boyer-Moore-Horspool tests the last byte first, and a quote is the
    // commonest byte of JSON while these last letters are not; the closing quote is checked after a hit.
    private static final BytePattern SEEN = new BytePattern("\"seen");
    private static final BytePattern CERT_INDEX = new BytePattern("\"cert_index");
    private static final BytePattern URL = new BytePattern("\"url");
    private static final BytePattern CERTIFICATE_UPDATE = new BytePattern("\"certificate_update");
    private static final BytePattern HEARTBEAT = new BytePattern("\"heartbeat");
    private static final BytePattern SOURCE = new BytePattern("\"source");
    private static final BytePattern TIMESTAMP = new BytePattern("\"timestamp");
    private static final BytePattern DNS_ENTRIES = new BytePattern("\"dns_entries");

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /** The kinds of message a stream carries, as far as the load tool cares. */
    public enum Kind { CERTIFICATE, HEARTBEAT, OTHER }

    private MessageScanner() {
    }

    /** A certificate_update (any message with a readable or unreadable {@code seen}), a heartbeat, or other. */
    public static Kind kind(Buffer message, long seenMicros) {
        return kind(MessageBytes.of(message), seenMicros);
    }

    static Kind kind(MessageBytes message, long seenMicros) {
        if (seenMicros != NOT_FOUND || quoted(message, CERTIFICATE_UPDATE) >= 0) {
            return Kind.CERTIFICATE;
        }
        return quoted(message, HEARTBEAT) >= 0 ? Kind.HEARTBEAT : Kind.OTHER;
    }

    /** {@code data.seen} (epoch seconds with a fraction) in microseconds, or {@link #NOT_FOUND}. */
    public static long seenMicros(Buffer message) {
        return seenMicros(MessageBytes.of(message));
    }

    static long seenMicros(MessageBytes message) {
        int at = valueOf(message, SEEN);
        return at < 0 ? NOT_FOUND : decimalScaled(message, at, 6);
    }

    /**
     * {@code data.source.timestamp} (the entry's own log timestamp, epoch seconds) in microseconds, or
     * {@link #NOT_FOUND}; the first {@code timestamp} key after the {@code source} key, so a heartbeat's
     * top-level timestamp is never taken for it.
     */
    public static long sourceTimestampMicros(Buffer message) {
        return sourceTimestampMicros(MessageBytes.of(message));
    }

    static long sourceTimestampMicros(MessageBytes message) {
        int source = valueOf(message, SOURCE);
        if (source < 0) {
            return NOT_FOUND;
        }
        int at = valueOf(message, TIMESTAMP, source);
        return at < 0 ? NOT_FOUND : decimalScaled(message, at, 6);
    }

    /** Whether this is a {@code dns_entries} message (the {@code /domains-only} stream). */
    public static boolean isDnsEntries(Buffer message) {
        return isDnsEntries(MessageBytes.of(message));
    }

    static boolean isDnsEntries(MessageBytes message) {
        return quoted(message, DNS_ENTRIES) >= 0;
    }

    /** {@code data.cert_index}, or {@link #NOT_FOUND} (also for a negative or fractional index). */
    public static long certIndex(Buffer message) {
        return certIndex(MessageBytes.of(message));
    }

    static long certIndex(MessageBytes message) {
        int at = valueOf(message, CERT_INDEX);
        if (at < 0 || message.at(at) == '-') {
            return NOT_FOUND;
        }
        long value = decimalScaled(message, at, 0);
        int next = at;
        while (next < message.length() && isDigit(message.at(next))) {
            next++;
        }
        return next < message.length() && message.at(next) == '.' ? NOT_FOUND : value;
    }

    /** A 64-bit FNV-1a hash of the {@code url} string (the source log's), or {@link #NOT_FOUND}. */
    public static long logKey(Buffer message) {
        return logKey(MessageBytes.of(message));
    }

    static long logKey(MessageBytes message) {
        int at = valueOf(message, URL);
        if (at < 0 || message.at(at) != '"') {
            return NOT_FOUND;
        }
        long hash = 0xcbf29ce484222325L;
        for (int i = at + 1; i < message.length(); i++) {
            byte b = message.at(i);
            if (b == '"') {
                return hash == NOT_FOUND ? NOT_FOUND + 1 : hash;
            }
            if (b == '\\') {
                hash = (hash ^ b) * 0x100000001b3L;
                i++;
                if (i >= message.length()) {
                    break;
                }
                b = message.at(i);
            }
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return NOT_FOUND;
    }

    /**
     * Where the value of a key starts: the quoted key followed by optional whitespace, a colon and optional
     * whitespace; -1 when there is none. An occurrence as a string value (no colon after it) is skipped.
     * This server puts the fields read here ({@code cert_index}, {@code seen}, {@code source}) at the end of
     * {@code data}, after the certificate; other renderings (the load tool's own samples, sorted keys) put
     * them before it. So the search starts where the last message's key was: from the end over the last
     * {@link #TAIL_BYTES} when it was there, else from the start, and falls back to the whole message
     * from the start. A full scan of every message was most of the load tool's CPU; this reads a few hundred
     * bytes. Each key occurs once in a certstream message, so both directions find the same one.
     */
    private static int valueOf(MessageBytes message, BytePattern key) {
        int tail = Math.max(0, message.length() - TAIL_BYTES);
        if (keysAtEnd) {
            for (int found = lastQuoted(message, key, tail, message.length()); found >= 0;
                 found = lastQuoted(message, key, tail, found + key.length())) {
                int at = colonAfter(message, found + key.length() + 1);
                if (at >= 0) {
                    return at;
                }
            }
        }
        int at = valueOf(message, key, 0);
        if (at >= 0) {
            keysAtEnd = at >= tail;
        }
        return at;
    }

    /** Like {@link #valueOf(MessageBytes, BytePattern)}, the first occurrence at or after {@code from}. */
    private static int valueOf(MessageBytes message, BytePattern key, int from) {
        for (int found = quoted(message, key, from); found >= 0; found = quoted(message, key, found + 1)) {
            int at = colonAfter(message, found + key.length() + 1);
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    /** Where the value starts when optional whitespace and a colon follow {@code at}, else -1. */
    private static int colonAfter(MessageBytes message, int at) {
        int length = message.length();
        at = skipSpace(message, at);
        if (at < length && message.at(at) == ':') {
            at = skipSpace(message, at + 1);
            return at < length ? at : -1;
        }
        return -1;
    }

    /**
     * The last start at or after {@code from} of the pattern followed by its closing quote, the closing quote
     * before {@code to}; -1 if none.
     */
    private static int lastQuoted(MessageBytes message, BytePattern word, int from, int to) {
        for (int found = word.lastIndexIn(message, from, to - 1); found >= 0;
             found = word.lastIndexIn(message, from, found + word.length() - 1)) {
            if (message.at(found + word.length()) == '"') {
                return found;
            }
        }
        return -1;
    }

    /** Where the pattern (an opening quote and a word) starts, followed by its closing quote; -1 if nowhere. */
    private static int quoted(MessageBytes message, BytePattern word) {
        return quoted(message, word, 0);
    }

    private static int quoted(MessageBytes message, BytePattern word, int from) {
        int length = message.length();
        for (int found = word.indexIn(message, from, length); found >= 0; found = word.indexIn(message, found + 1, length)) {
            int end = found + word.length();
            if (end < length && message.at(end) == '"') {
                return found;
            }
        }
        return -1;
    }

    private static int skipSpace(MessageBytes message, int at) {
        while (at < message.length()) {
            byte b = message.at(at);
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                break;
            }
            at++;
        }
        return at;
    }

    /**
     * A JSON number at {@code at} times {@code 10^scale}, truncated to a long; {@link #NOT_FOUND} when
     * there is no number or it does not fit. Handles a sign, a fraction and an exponent ({@code 1.5E9}).
     */
    public static long decimalScaled(Buffer message, int at, int scale) {
        return decimalScaled(MessageBytes.of(message), at, scale);
    }

    static long decimalScaled(MessageBytes message, int at, int scale) {
        int i = at;
        int length = message.length();
        boolean negative = i < length && message.at(i) == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = scale;
        boolean anyDigit = false;
        boolean fraction = false;
        for (; i < length; i++) {
            byte b = message.at(i);
            if (b == '.' && !fraction) {
                fraction = true;
                continue;
            }
            if (!isDigit(b)) {
                break;
            }
            anyDigit = true;
            if (significant < MAX_DIGITS) {
                mantissa = mantissa * 10 + (b - '0');
                if (mantissa != 0) {
                    significant++;
                }
                if (fraction) {
                    exponent--;
                }
            } else if (!fraction) {
                exponent++;
            }
        }
        if (!anyDigit) {
            return NOT_FOUND;
        }
        if (i < length && (message.at(i) == 'e' || message.at(i) == 'E')) {
            int written = readExponent(message, i + 1);
            if (written == Integer.MIN_VALUE) {
                return NOT_FOUND;
            }
            exponent += written;
        }
        long value = applyExponent(mantissa, exponent);
        return value == NOT_FOUND ? NOT_FOUND : (negative ? -value : value);
    }

    /** The exponent after an {@code e}; Integer.MIN_VALUE when malformed or absurd (over 3 digits). */
    private static int readExponent(MessageBytes message, int at) {
        int i = at;
        boolean negative = false;
        if (i < message.length() && (message.at(i) == '+' || message.at(i) == '-')) {
            negative = message.at(i) == '-';
            i++;
        }
        int value = 0;
        int digits = 0;
        for (; i < message.length() && isDigit(message.at(i)); i++) {
            if (++digits > 3) {
                return Integer.MIN_VALUE;
            }
            value = value * 10 + (message.at(i) - '0');
        }
        return digits == 0 ? Integer.MIN_VALUE : (negative ? -value : value);
    }

    private static long applyExponent(long mantissa, int exponent) {
        if (mantissa == 0) {
            return 0;
        }
        if (exponent >= 0) {
            if (exponent > MAX_DIGITS || mantissa > Long.MAX_VALUE / POWERS_OF_TEN[exponent]) {
                return NOT_FOUND;
            }
            return mantissa * POWERS_OF_TEN[exponent];
        }
        return -exponent > MAX_DIGITS ? 0 : mantissa / POWERS_OF_TEN[-exponent];
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
