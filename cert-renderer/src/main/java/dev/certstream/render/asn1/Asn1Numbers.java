package dev.certstream.render.asn1;


import java.math.BigInteger;

/** OpenSSL 3.0's ways of printing an INTEGER: i2s_ASN1_INTEGER and i2a_ASN1_INTEGER. */
public final class Asn1Numbers {
    private Asn1Numbers() {
    }

    /** i2s_ASN1_INTEGER: decimal below 128 bits, else {@code 0x} and uppercase hex of whole bytes. */
    public static String decimalOrHex(BigInteger v) {
        if (v.abs().bitLength() < 128) {
            return v.toString();
        }
        String hex = v.abs().toString(16).toUpperCase();
        if ((hex.length() & 1) != 0) {
            hex = "0" + hex;
        }
        return (v.signum() < 0 ? "-0x" : "0x") + hex;
    }

    /** i2a_ASN1_INTEGER: sign, then the magnitude's bytes in uppercase hex, a {@code \} line break every 35 bytes. */
    public static void hexBytes(TextOut out, BigInteger v) {
        if (v.signum() < 0) {
            out.ch('-');
        }
        byte[] mag = v.abs().toByteArray();
        int from = mag.length > 1 && mag[0] == 0 ? 1 : 0;
        if (v.signum() == 0) {
            out.ascii("00");
            return;
        }
        for (int i = from; i < mag.length; i++) {
            int k = i - from;
            if (k != 0 && k % 35 == 0) {
                out.ascii("\\\n");
            }
            out.ch(TextOut.hexDigit((mag[i] & 0xff) >> 4)).ch(TextOut.hexDigit(mag[i]));
        }
    }

    /** ASN1_INTEGER_get / ASN1_ENUMERATED_get: the value, or -1 when it does not fit a long. */
    public static long asLong(BigInteger v) {
        return v.bitLength() <= 63 ? v.longValue() : -1;
    }
}
