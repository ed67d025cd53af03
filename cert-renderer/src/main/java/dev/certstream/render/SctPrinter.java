package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Asn1Time;
import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;

/**
 * OpenSSL 3.0's printer of a signed certificate timestamp list (i2r_SCT_LIST / SCT_print in
 * crypto/ct), used here for the OCSP-style ct_cert_scts extension; the precertificate SCT extension
 * goes out as base64 instead, as certstream clients expect.
 */
final class SctPrinter {
    private SctPrinter() {
    }

    static void print(TextOut out, byte[] value, int indent) throws DerException {
        byte[] list = ExtensionPrinter.topPrimitive(value, Der.OCTET_STRING).octets();
        if (list.length < 2 || list.length > 65535 || u16(list, 0) != list.length - 2) {
            throw new DerException("bad SCT list");
        }
        TextOut body = new TextOut();
        int p = 2;
        boolean first = true;
        while (p < list.length) {
            if (list.length - p < 2) {
                throw new DerException("bad SCT list");
            }
            int len = u16(list, p);
            p += 2;
            if (len == 0 || len > list.length - p) {
                throw new DerException("bad SCT length");
            }
            if (!first) {
                body.ch('\n');
            }
            first = false;
            printSct(body, list, p, len, indent);
            p += len;
        }
        out.sb.append(body.sb);
    }

    private static void printSct(TextOut out, byte[] b, int p, int len, int indent) throws DerException {
        out.spaces(indent).ascii("Signed Certificate Timestamp:");
        out.ch('\n').spaces(indent + 4).ascii("Version   : ");
        if (b[p] != 0) {
            out.ascii("unknown\n").spaces(indent + 16);
            hexString(out, indent + 16, b, p, len);
            return;
        }
        if (len < 43) {
            throw new DerException("short SCT");
        }
        int end = p + len;
        int logId = p + 1;
        long timestamp = 0;
        for (int i = 0; i < 8; i++) {
            timestamp = (timestamp << 8) | (b[logId + 32 + i] & 0xff);
        }
        int extLen = u16(b, logId + 40);
        int ext = logId + 42;
        if (extLen > end - ext) {
            throw new DerException("bad SCT extensions");
        }
        int sig = ext + extLen;
        if (end - sig <= 4) {
            throw new DerException("bad SCT signature");
        }
        int hash = b[sig] & 0xff;
        int alg = b[sig + 1] & 0xff;
        String algName = hash == 4 && alg == 3 ? "ecdsa-with-SHA256" : hash == 4 && alg == 1 ? "sha256WithRSAEncryption" : null;
        int sigLen = u16(b, sig + 2);
        if (algName == null || sigLen > end - sig - 4) {
            throw new DerException("bad SCT signature");
        }
        out.ascii("v1 (0x0)");
        out.ch('\n').spaces(indent + 4).ascii("Log ID    : ");
        hexString(out, indent + 16, b, logId, 32);
        out.ch('\n').spaces(indent + 4).ascii("Timestamp : ");
        printTimestamp(out, timestamp);
        out.ch('\n').spaces(indent + 4).ascii("Extensions: ");
        if (extLen == 0) {
            out.ascii("none");
        } else {
            hexString(out, indent + 16, b, ext, extLen);
        }
        out.ch('\n').spaces(indent + 4).ascii("Signature : ").ascii(algName);
        out.ch('\n').spaces(indent + 4).ascii("            ");
        hexString(out, indent + 16, b, sig + 4, sigLen);
    }

    /** The SCT time as a GeneralizedTime with milliseconds, printed by ASN1_GENERALIZEDTIME_print. */
    private static void printTimestamp(TextOut out, long ms) {
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000), 0, java.time.ZoneOffset.UTC);
        String g = String.format("%04d%02d%02d%02d%02d%02d.%03dZ", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), Math.floorMod(ms, 1000));
        Asn1Time.print(out, Der.GENERALIZED_TIME, g.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** BIO_hex_string: "AB:CD:...", a line break and indent after every {@code 16} bytes. */
    private static void hexString(TextOut out, int indent, byte[] d, int from, int len) {
        if (len < 1) {
            return;
        }
        int j = 0;
        int i;
        for (i = 0; i < len - 1; i++) {
            if (i > 0 && j == 0) {
                out.spaces(indent);
            }
            int v = d[from + i] & 0xff;
            out.ch(TextOut.hexDigit(v >> 4)).ch(TextOut.hexDigit(v)).ch(':');
            j = (j + 1) % 16;
            if (j == 0) {
                out.ch('\n');
            }
        }
        if (i > 0 && j == 0) {
            out.spaces(indent);
        }
        int v = d[from + len - 1] & 0xff;
        out.ch(TextOut.hexDigit(v >> 4)).ch(TextOut.hexDigit(v));
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }
}
