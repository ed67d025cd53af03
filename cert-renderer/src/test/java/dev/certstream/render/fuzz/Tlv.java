package dev.certstream.render.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One DER element of a certificate as the mutator sees it: where its tag, length and content sit, and
 * the element around it, so that an edit can fix up every enclosing length. Kept apart from the
 * renderer's reader on purpose (the fuzzer must not share the code it checks). OCTET STRING and BIT
 * STRING contents that are themselves DER (extension values, keys) are walked too.
 *
 * @param start      offset of the identifier octet
 * @param tagLength  identifier octets
 * @param valueStart offset of the content
 * @param end        offset after the content
 * @param parent     the enclosing element, or null
 */
record Tlv(int start, int tagLength, int valueStart, int end, Tlv parent) {
    private static final int MAX_ELEMENTS = 4096;

    int contentLength() {
        return end - valueStart;
    }

    byte[] content(byte[] der) {
        return Arrays.copyOfRange(der, valueStart, end);
    }

    byte[] encoding(byte[] der) {
        return Arrays.copyOfRange(der, start, end);
    }

    /** Every element of a definite-length encoding, outermost first; empty when the top element does not parse. */
    static List<Tlv> flatten(byte[] der) {
        List<Tlv> out = new ArrayList<>();
        walk(der, 0, der.length, null, out, 0);
        return out;
    }

    /** Parses [from, to) as a run of elements; false (and nothing added) when it is not exactly that. */
    private static boolean walk(byte[] b, int from, int to, Tlv parent, List<Tlv> out, int depth) {
        int mark = out.size();
        int p = from;
        while (p < to) {
            Tlv t = header(b, p, to, parent);
            if (t == null || depth > 40 || out.size() >= MAX_ELEMENTS) {
                truncate(out, mark);
                return false;
            }
            out.add(t);
            int id = b[p] & 0xff;
            if ((id & 0x20) != 0) {
                walk(b, t.valueStart, t.end, t, out, depth + 1);
            } else if (id == 0x04 && t.contentLength() > 1) {
                walk(b, t.valueStart, t.end, t, out, depth + 1);
            } else if (id == 0x03 && t.contentLength() > 2 && b[t.valueStart] == 0) {
                walk(b, t.valueStart + 1, t.end, t, out, depth + 1);
            }
            p = t.end;
        }
        return true;
    }

    private static void truncate(List<Tlv> out, int size) {
        while (out.size() > size) {
            out.remove(out.size() - 1);
        }
    }

    private static Tlv header(byte[] b, int p, int to, Tlv parent) {
        int start = p;
        if ((b[p++] & 0x1f) == 0x1f) {
            while (p < to && (b[p] & 0x80) != 0) {
                p++;
            }
            p++;
        }
        if (p >= to) {
            return null;
        }
        int tagLength = p - start;
        int first = b[p++] & 0xff;
        long len;
        if (first < 0x80) {
            len = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4 || p + n > to) {
                return null;
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (b[p++] & 0xff);
            }
        }
        if (len > to - p) {
            return null;
        }
        return new Tlv(start, tagLength, p, p + (int) len, parent);
    }

    /** Replaces this element's bytes; with {@code fix}, every enclosing length is rewritten to match. */
    byte[] replace(byte[] der, byte[] replacement, boolean fix) {
        byte[] out = CertificateMutator.concat(Arrays.copyOf(der, start), replacement, Arrays.copyOfRange(der, end, der.length));
        if (!fix) {
            return out;
        }
        int delta = replacement.length - (end - start);
        for (Tlv a = parent; a != null; a = a.parent) {
            byte[] header = CertificateMutator.concat(Arrays.copyOfRange(der, a.start, a.start + a.tagLength),
                    length(a.contentLength() + delta));
            int oldHeader = a.valueStart - a.start;
            out = CertificateMutator.concat(Arrays.copyOf(out, a.start), header, Arrays.copyOfRange(out, a.valueStart, out.length));
            delta += header.length - oldHeader;
        }
        return out;
    }

    /** This element with another first identifier octet and a declared content length (content unchanged). */
    byte[] replaceHeader(byte[] der, int identifier, int declaredLength, boolean fix) {
        byte[] tag = Arrays.copyOfRange(der, start, start + tagLength);
        tag[0] = (byte) identifier;
        return replace(der, CertificateMutator.concat(tag, length(declaredLength), content(der)), fix);
    }

    /** This element with the given length octets, verbatim, and nothing else fixed. */
    byte[] rawLength(byte[] der, byte[] lengthOctets) {
        return replace(der, CertificateMutator.concat(Arrays.copyOfRange(der, start, start + tagLength), lengthOctets, content(der)), false);
    }

    byte[] replaceContent(byte[] der, byte[] content, boolean fix) {
        return replace(der, CertificateMutator.concat(Arrays.copyOfRange(der, start, start + tagLength), length(content.length), content), fix);
    }

    /** The minimal DER length octets. */
    static byte[] length(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        }
        int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[bytes - i] = (byte) (n >>> (8 * i));
        }
        return out;
    }
}
