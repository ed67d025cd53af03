package dev.certstream.render.asn1;

/**
 * The byte stream OpenSSL's printers write (one char per byte, 0-255), turned into text at the end the
 * way the oracle read OpenSSL's output: UTF-8, with each byte that is not part of valid UTF-8 written
 * as {@code \xhh}.
 */
public final class TextOut {
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();

    public final StringBuilder sb;

    public TextOut() {
        sb = new StringBuilder(128);
    }

    public TextOut ascii(String s) {
        sb.append(s);
        return this;
    }

    public TextOut ch(char c) {
        sb.append(c);
        return this;
    }

    public TextOut spaces(int n) {
        for (int i = 0; i < n; i++) {
            sb.append(' ');
        }
        return this;
    }

    /** Raw bytes, as {@code BIO_write}. */
    public TextOut raw(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            sb.append((char) (b[i] & 0xff));
        }
        return this;
    }

    public TextOut raw(byte[] b) {
        return raw(b, 0, b.length);
    }

    /** Raw bytes up to the first NUL, as a C string or {@code %.*s}. */
    public TextOut cString(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                break;
            }
            sb.append((char) (x & 0xff));
        }
        return this;
    }

    /** ASN1_STRING_print: printable ASCII, CR and LF kept, every other byte as '.'. */
    public TextOut dump(byte[] b) {
        for (byte x : b) {
            int c = x & 0xff;
            sb.append((c > '~' || (c < ' ' && c != '\n' && c != '\r')) ? '.' : (char) c);
        }
        return this;
    }

    /** OPENSSL_buf2hexstr: uppercase hex pairs joined by ':'. */
    public TextOut hexColon(byte[] b) {
        sb.append(hexColon(b, true));
        return this;
    }

    public static String hexColon(byte[] b, boolean upper) {
        if (b.length == 0) {
            return "";
        }
        char[] digits = upper ? HEX_UPPER : HEX_LOWER;
        char[] out = new char[b.length * 3 - 1];
        for (int i = 0, j = 0; i < b.length; i++) {
            if (i > 0) {
                out[j++] = ':';
            }
            out[j++] = digits[(b[i] >> 4) & 0xf];
            out[j++] = digits[b[i] & 0xf];
        }
        return new String(out);
    }

    public static char hexDigit(int v) {
        return HEX_UPPER[v & 0xf];
    }

    public int length() {
        return sb.length();
    }

    public void setLength(int n) {
        sb.setLength(n);
    }

    /** The bytes written so far as text (see the class comment). */
    public String text() {
        return decode(sb, 0, sb.length());
    }

    public static String decode(CharSequence bytes, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (bytes.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return bytes.subSequence(from, to).toString();
        }
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int c = bytes.charAt(i);
            int n = c < 0x80 ? 1 : validSequence(bytes, i, to);
            if (n == 0) {
                out.append("\\x").append(HEX_LOWER[c >> 4]).append(HEX_LOWER[c & 0xf]);
                i++;
            } else if (n == 1) {
                out.append((char) c);
                i++;
            } else {
                int cp = c & (0xff >> (n + 1));
                for (int k = 1; k < n; k++) {
                    cp = (cp << 6) | (bytes.charAt(i + k) & 0x3f);
                }
                out.appendCodePoint(cp);
                i += n;
            }
        }
        return out.toString();
    }

    /** Whether the bytes are well-formed UTF-8 (what OpenSSL's UTF8_getc accepts). */
    public static boolean isUtf8(byte[] b) {
        StringBuilder chars = new StringBuilder(b.length);
        for (byte x : b) {
            chars.append((char) (x & 0xff));
        }
        int i = 0;
        while (i < b.length) {
            int n = (b[i] & 0x80) == 0 ? 1 : validSequence(chars, i, b.length);
            if (n == 0) {
                return false;
            }
            i += n;
        }
        return true;
    }

    /** Length of the well-formed UTF-8 sequence at i (Unicode table 3-7), or 0 when it is not one. */
    private static int validSequence(CharSequence b, int i, int to) {
        int c = b.charAt(i);
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            if (c == 0xe0) {
                lo = 0xa0;
            } else if (c == 0xed) {
                hi = 0x9f;
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            if (c == 0xf0) {
                lo = 0x90;
            } else if (c == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return 0;
        }
        if (i + n > to) {
            return 0;
        }
        int second = b.charAt(i + 1);
        if (second < lo || second > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int cont = b.charAt(i + k);
            if (cont < 0x80 || cont > 0xbf) {
                return 0;
            }
        }
        return n;
    }
}
