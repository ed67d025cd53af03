package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;

import dev.certstream.render.DistinguishedName.Attribute;

/**
 * OpenSSL 3.0's three ways of writing a name: {@code -nameopt utf8,esc_ctrl} values (certstream's
 * {@code subject}/{@code issuer}), X509_NAME_print_ex with XN_FLAG_ONELINE ({@code C = US, O = X}) and
 * X509_NAME_oneline ({@code /C=US/O=X}).
 */
final class NameText {
    private static final int ESC_2253 = 1;
    private static final int ESC_CTRL = 2;
    private static final int ESC_MSB = 4;
    private static final int ESC_QUOTE = 8;
    private static final int FIRST_ESC = 0x20;
    private static final int LAST_ESC = 0x40;
    private static final int BS_ESC = ESC_2253 | FIRST_ESC | LAST_ESC;

    /** OpenSSL's char_type table (crypto/asn1/charmap.h) for the escaping flags used here. */
    private static final short[] CHAR_TYPE = new short[128];

    static {
        for (int c = 0; c < 32; c++) {
            CHAR_TYPE[c] = 2;
        }
        CHAR_TYPE[0] = 1026;
        CHAR_TYPE[127] = 2;
        CHAR_TYPE[' '] = 120;
        CHAR_TYPE['"'] = 1;
        CHAR_TYPE['#'] = 40;
        CHAR_TYPE['+'] = 25;
        CHAR_TYPE[','] = 25;
        CHAR_TYPE[';'] = 9;
        CHAR_TYPE['<'] = 9;
        CHAR_TYPE['>'] = 9;
        CHAR_TYPE['\\'] = 1025;
    }

    /** Characters per unit for string tags 0-30 (tag2nbyte): 0 = UTF-8, -1 = not a string type. */
    private static final int[] TAG_WIDTH = {
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1,
        1, 1, 1, -1, 1, 1, 1, -1, 1, -1, 4, -1, 2};

    private NameText() {
    }

    /**
     * An attribute value as {@code -nameopt utf8,esc_ctrl} prints it (control characters as \XX,
     * backslash doubled), written as bytes; false when OpenSSL gives up on the value (bad BMP/Universal).
     */
    static boolean utf8Value(TextOut out, Attribute a) {
        return printString(out, a, ESC_CTRL, false);
    }

    /** The value of {@link #utf8Value} as text, or the part OpenSSL printed before giving up. */
    static String utf8Value(Attribute a) {
        TextOut out = new TextOut();
        utf8Value(out, a);
        return out.text();
    }

    /** X509_NAME_print_ex(..., XN_FLAG_ONELINE): {@code C = US, O = "A, B", CN = x}. */
    static void oneline(TextOut out, DistinguishedName name) {
        int prev = -1;
        for (Attribute a : name.attributes) {
            if (prev != -1) {
                out.ascii(prev == a.set() ? " + " : ", ");
            }
            prev = a.set();
            String sn = OidNames.shortName(a.oid());
            out.ascii(sn != null ? sn : cut(a.oid(), 80)).ascii(" = ");
            if (!printString(out, a, ESC_2253 | ESC_CTRL | ESC_MSB | ESC_QUOTE, true)) {
                return;
            }
        }
    }

    /** X509_NAME_oneline into a buffer of {@code bufferSize} bytes: attributes that do not fit are left out. */
    static void compat(TextOut out, DistinguishedName name, int bufferSize) {
        int budget = bufferSize - 1;
        int used = 0;
        int prevSet = -1;
        for (Attribute a : name.attributes) {
            String sn = OidNames.shortName(a.oid());
            String field = sn != null ? sn : OidNames.text(a.oid(), 80);
            byte[] q = a.content();
            boolean[] keep = generalStringMask(a.tag(), q);
            int valueLen = 0;
            for (int j = 0; j < q.length; j++) {
                if (keep[j & 3]) {
                    int c = q[j] & 0xff;
                    valueLen += (c == '/' || c == '+') ? 2 : (c < ' ' || c > '~') ? 4 : 1;
                }
            }
            used += 1 + field.length() + 1 + valueLen;
            if (used > budget) {
                return;
            }
            out.ch(prevSet == a.set() ? '+' : '/').ascii(field).ch('=');
            for (int j = 0; j < q.length; j++) {
                if (!keep[j & 3]) {
                    continue;
                }
                int c = q[j] & 0xff;
                if (c < ' ' || c > '~') {
                    out.ch('\\').ch('x').ch(TextOut.hexDigit(c >> 4)).ch(TextOut.hexDigit(c));
                } else {
                    if (c == '/' || c == '+') {
                        out.ch('\\');
                    }
                    out.ch((char) c);
                }
            }
            prevSet = a.set();
        }
    }

    /** X509_NAME_oneline's odd treatment of GeneralString values that look like UCS-4. */
    private static boolean[] generalStringMask(int tag, byte[] q) {
        boolean[] keep = {true, true, true, true};
        if (tag == 27 && q.length % 4 == 0) {
            boolean[] nonZero = new boolean[4];
            for (int j = 0; j < q.length; j++) {
                if (q[j] != 0) {
                    nonZero[j & 3] = true;
                }
            }
            if (!(nonZero[0] || nonZero[1] || nonZero[2])) {
                keep[0] = keep[1] = keep[2] = false;
            }
        }
        return keep;
    }

    private static String cut(String s, int bufferSize) {
        return s.length() >= bufferSize ? s.substring(0, bufferSize - 1) : s;
    }

    /** do_print_ex with UTF8_CONVERT and the given escape flags; dumpUnknown adds DUMP_UNKNOWN|DUMP_DER. */
    private static boolean printString(TextOut out, Attribute a, int flags, boolean dumpUnknown) {
        int tag = a.tag();
        int width = tag > 0 && tag < 31 ? TAG_WIDTH[tag] : -1;
        if (width == -1) {
            if (dumpUnknown) {
                out.ch('#');
                for (byte b : dumpEncoding(a)) {
                    out.ch(TextOut.hexDigit((b & 0xff) >> 4)).ch(TextOut.hexDigit(b));
                }
                return true;
            }
            width = 1;
        }
        boolean convert = width != 0;
        if (width == 0) {
            width = 1;
        }
        byte[] d = a.content();
        if ((width == 4 && (d.length & 3) != 0) || (width == 2 && (d.length & 1) != 0)) {
            return false;
        }
        int mark = out.length();
        boolean quotes = false;
        for (int p = 0; p < d.length; p += width) {
            long c = 0;
            for (int k = 0; k < width; k++) {
                c = (c << 8) | (d[p + k] & 0xff);
            }
            int orFlags = 0;
            if ((flags & ESC_2253) != 0) {
                if (p == 0) {
                    orFlags = FIRST_ESC;
                }
                if (p + width == d.length) {
                    orFlags = LAST_ESC;
                }
            }
            if (!convert || c < 0x80) {
                quotes |= escape(out, (int) c, flags | orFlags);
            } else {
                if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
                    out.setLength(mark);
                    return false;
                }
                for (byte b : new String(Character.toChars((int) c)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    escape(out, b & 0xff, flags);
                }
            }
        }
        if (quotes) {
            out.sb.insert(mark, '"');
            out.ch('"');
        }
        return true;
    }

    /**
     * What DUMP_DER writes for a value that is not a string: i2d_ASN1_TYPE of the decoded value, so a
     * re-encoding (minimal length, a BIT STRING's unused bits cleared), not the bytes as they came. A
     * SEQUENCE or SET is kept as its original encoding by OpenSSL and written back as it was.
     */
    static byte[] dumpEncoding(DistinguishedName.Attribute a) {
        int tag = a.tag();
        if (tag < 0 || tag == Der.SEQUENCE || tag == Der.SET) {
            return a.encoding();
        }
        byte[] content = a.content();
        if (tag == Der.BIT_STRING) {
            byte[] withUnused = new byte[content.length + 1];
            withUnused[0] = (byte) unusedBits(a.encoding());
            System.arraycopy(content, 0, withUnused, 1, content.length);
            content = withUnused;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(content.length + 8);
        if (tag < 31) {
            out.write(tag);
        } else {
            out.write(0x1f);
            int shift = 28;
            while (shift > 0 && (tag >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                out.write(0x80 | ((tag >>> shift) & 0x7f));
            }
            out.write(tag & 0x7f);
        }
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static int unusedBits(byte[] encoding) {
        try {
            byte[] raw = new Der(encoding).next().octets();
            return raw.length > 0 ? raw[0] & 7 : 0;
        } catch (DerException e) {
            return 0;
        }
    }

    /** do_esc_char for one byte; returns true when the value must be quoted instead of escaped. */
    private static boolean escape(TextOut out, int c, int flags) {
        int chflgs = c > 0x7f ? flags & ESC_MSB : CHAR_TYPE[c] & flags;
        if ((chflgs & BS_ESC) != 0) {
            if ((chflgs & ESC_QUOTE) != 0) {
                out.ch((char) c);
                return true;
            }
            out.ch('\\').ch((char) c);
            return false;
        }
        if ((chflgs & (ESC_CTRL | ESC_MSB)) != 0) {
            out.ch('\\').ch(TextOut.hexDigit(c >> 4)).ch(TextOut.hexDigit(c));
            return false;
        }
        if (c == '\\') {
            out.ch('\\').ch('\\');
            return false;
        }
        out.ch((char) c);
        return false;
    }
}
