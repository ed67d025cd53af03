package dev.certstream.render.asn1;

import java.math.BigInteger;

/**
 * A cursor over the BER/DER elements of one byte range, reading the raw tag, length and content
 * octets the way OpenSSL's decoder sees them.
 *
 * <p>Why not Bouncy Castle's object model: matching OpenSSL's text exactly needs the original string
 * tag and content octets of every value (BC decodes BMP and UTF-8 strings into Java strings and refuses
 * some encodings OpenSSL prints), and certificate rendering is the watcher's hot path, where walking
 * offsets allocates almost nothing.
 */
public final class Der {
    public static final int UNIVERSAL = 0x00;
    public static final int CONTEXT = 0x80;

    public static final int BOOLEAN = 1;
    public static final int INTEGER = 2;
    public static final int BIT_STRING = 3;
    public static final int OCTET_STRING = 4;
    public static final int NULL = 5;
    public static final int OID = 6;
    public static final int ENUMERATED = 10;
    public static final int UTF8_STRING = 12;
    public static final int SEQUENCE = 16;
    public static final int SET = 17;
    public static final int IA5_STRING = 22;
    public static final int UTC_TIME = 23;
    public static final int GENERALIZED_TIME = 24;
    public static final int VISIBLE_STRING = 26;
    public static final int BMP_STRING = 30;

    /** Deeper nesting than this is refused: no real certificate comes close, and it bounds recursion. */
    private static final int MAX_DEPTH = 64;
    private static final int MAX_STRING_NEST = 5;

    public final byte[] buf;
    private int pos;
    private final int limit;
    private final int depth;

    /** The element last read by {@link #next()}. */
    public int tagClass;
    public int tag;
    public boolean constructed;
    public int start;
    public int valueStart;
    public int valueEnd;

    public Der(byte[] buf) {
        this(buf, 0, buf.length, 0);
    }

    public Der(byte[] buf, int from, int to) {
        this(buf, from, to, 0);
    }

    private Der(byte[] buf, int from, int to, int depth) {
        this.buf = buf;
        this.pos = from;
        this.limit = to;
        this.depth = depth;
    }

    public boolean hasNext() {
        return pos < limit;
    }

    /** Position after the last element read. */
    public int position() {
        return pos;
    }

    /** Reads the next element's header and steps over it; its fields describe it afterwards. */
    public Der next() throws DerException {
        if (pos >= limit) {
            throw new DerException("missing element");
        }
        start = pos;
        int p = pos;
        int first = buf[p++] & 0xff;
        tagClass = first & 0xc0;
        constructed = (first & 0x20) != 0;
        int t = first & 0x1f;
        if (t == 0x1f) {
            t = 0;
            int b;
            do {
                if (p >= limit || t > (Integer.MAX_VALUE >> 7)) {
                    throw new DerException("bad tag");
                }
                b = buf[p++] & 0xff;
                t = (t << 7) | (b & 0x7f);
            } while ((b & 0x80) != 0);
        }
        tag = t;
        if (p >= limit) {
            throw new DerException("missing length");
        }
        int lenByte = buf[p++] & 0xff;
        if (lenByte == 0x80) {
            if (!constructed || depth >= MAX_DEPTH) {
                throw new DerException("bad indefinite length");
            }
            valueStart = p;
            Der inner = new Der(buf, p, limit, depth + 1);
            while (true) {
                inner.next();
                if (inner.tagClass == 0 && inner.tag == 0 && !inner.constructed && inner.valueStart == inner.valueEnd) {
                    valueEnd = inner.start;
                    pos = inner.pos;
                    return this;
                }
            }
        }
        int len;
        if (lenByte < 0x80) {
            len = lenByte;
        } else {
            int n = lenByte & 0x7f;
            long l = 0;
            for (int i = 0; i < n; i++) {
                if (p >= limit) {
                    throw new DerException("truncated length");
                }
                l = (l << 8) | (buf[p++] & 0xff);
                if (l > Integer.MAX_VALUE) {
                    throw new DerException("length too large");
                }
            }
            len = (int) l;
        }
        if (len > limit - p) {
            throw new DerException("truncated element");
        }
        valueStart = p;
        valueEnd = p + len;
        pos = valueEnd;
        return this;
    }

    /** Reads the next element and checks its class, number and form. */
    public Der next(int expectedClass, int expectedTag, boolean expectConstructed) throws DerException {
        next();
        if (tagClass != expectedClass || tag != expectedTag || constructed != expectConstructed) {
            throw new DerException("unexpected tag " + tag);
        }
        return this;
    }

    /**
     * Reads the next element as a SEQUENCE OF or SET OF ({@code tag} SEQUENCE or SET): OpenSSL's template
     * decoder checks the tag of a list but not its constructed bit, so a primitive encoding is read as a list too.
     */
    public Der nextListOf(int expectedTag) throws DerException {
        next();
        if (tagClass != UNIVERSAL || tag != expectedTag) {
            throw new DerException("unexpected tag " + tag);
        }
        return this;
    }

    /** Checks the class, number and form of the element last read. */
    public Der expect(int expectedClass, int expectedTag, boolean expectConstructed) throws DerException {
        if (tagClass != expectedClass || tag != expectedTag || constructed != expectConstructed) {
            throw new DerException("unexpected tag " + tag);
        }
        return this;
    }

    /**
     * The one element inside the current EXPLICIT tag, read: OpenSSL requires the tag to be constructed
     * and to hold that element and nothing after it.
     */
    public Der explicitInner() throws DerException {
        if (!constructed) {
            throw new DerException("explicit tag not constructed");
        }
        Der in = contents();
        in.next();
        if (in.hasNext()) {
            throw new DerException("explicit length mismatch");
        }
        return in;
    }

    /** Whether the next element (not read yet) has this class and number. */
    public boolean peekIs(int expectedClass, int expectedTag) {
        if (pos >= limit) {
            return false;
        }
        int first = buf[pos] & 0xff;
        if ((first & 0xc0) != expectedClass) {
            return false;
        }
        if ((first & 0x1f) != 0x1f) {
            return (first & 0x1f) == expectedTag;
        }
        // High-tag-number form, which OpenSSL reads even for small numbers (1f 01 is a BOOLEAN to it).
        long t = 0;
        for (int p = pos + 1; p < limit && t <= Integer.MAX_VALUE; p++) {
            int b = buf[p] & 0xff;
            t = (t << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                return t == expectedTag;
            }
        }
        return false;
    }

    /** A cursor over the current (constructed) element's content. */
    public Der contents() throws DerException {
        if (depth >= MAX_DEPTH) {
            throw new DerException("nested too deeply");
        }
        return new Der(buf, valueStart, valueEnd, depth + 1);
    }

    public int length() {
        return valueEnd - valueStart;
    }

    /** The whole encoding of the current element, header included. */
    public byte[] encoding() {
        return java.util.Arrays.copyOfRange(buf, start, pos);
    }

    /** The content octets; a constructed (BER) string is put back together as OpenSSL does. */
    public byte[] octets() throws DerException {
        if (!constructed) {
            return java.util.Arrays.copyOfRange(buf, valueStart, valueEnd);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        collect(contents(), out, 0);
        return out.toByteArray();
    }

    /** asn1_collect: parts of parts are put together, but OpenSSL gives up below 5 levels (ASN1_MAX_STRING_NEST). */
    private static void collect(Der d, java.io.ByteArrayOutputStream out, int depth) throws DerException {
        if (depth > MAX_STRING_NEST) {
            throw new DerException("nested asn1 string");
        }
        while (d.hasNext()) {
            d.next();
            if (d.tagClass == UNIVERSAL && d.tag == 0 && !d.constructed && d.length() == 0) {
                // asn1_collect: an end-of-contents is only allowed where an indefinite length ends
                throw new DerException("unexpected eoc");
            }
            if (d.constructed) {
                collect(d.contents(), out, depth + 1);
            } else {
                out.write(d.buf, d.valueStart, d.length());
            }
        }
    }

    /** INTEGER or ENUMERATED content, refused when empty or padded (as OpenSSL 3 refuses them). */
    public BigInteger integer() throws DerException {
        checkInteger();
        return new BigInteger(buf, valueStart, length());
    }

    public void checkInteger() throws DerException {
        int n = length();
        if (constructed || n == 0) {
            throw new DerException("bad integer");
        }
        if (n > 1) {
            int b0 = buf[valueStart] & 0xff;
            int b1 = buf[valueStart + 1] & 0x80;
            if ((b0 == 0 && b1 == 0) || (b0 == 0xff && b1 != 0)) {
                throw new DerException("padded integer");
            }
        }
    }

    /** BOOLEAN content: OpenSSL takes any non-zero octet as true. */
    public boolean bool() throws DerException {
        if (constructed || length() != 1) {
            throw new DerException("bad boolean");
        }
        return buf[valueStart] != 0;
    }

    /** OBJECT IDENTIFIER content as dotted text (OBJ_obj2txt numbering), refused when malformed. */
    public String oid() throws DerException {
        return Oids.dotted(buf, valueStart, valueEnd);
    }

    /** Checks the current element is an OBJECT IDENTIFIER OpenSSL accepts and returns its dotted form. */
    public String expectOid() throws DerException {
        if (tagClass != UNIVERSAL || tag != OID || constructed) {
            throw new DerException("expected OID");
        }
        return oid();
    }
}
