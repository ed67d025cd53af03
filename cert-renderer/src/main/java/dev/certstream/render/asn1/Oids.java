package dev.certstream.render.asn1;

import java.math.BigInteger;

/** Dotted text of OBJECT IDENTIFIER contents, numbered and validated as OpenSSL 3.0 does. */
public final class Oids {
    /** OpenSSL refuses longer OIDs in text form (RFC 2578: at most 128 arcs of 32 bits). */
    private static final int MAX_CONTENT = 586;

    private Oids() {
    }

    public static String dotted(byte[] buf, int from, int to) throws DerException {
        int len = to - from;
        if (len <= 0 || len > MAX_CONTENT || (buf[to - 1] & 0x80) != 0) {
            throw new DerException("bad OID");
        }
        StringBuilder sb = new StringBuilder(len * 3);
        boolean first = true;
        int p = from;
        while (p < to) {
            if ((buf[p] & 0xff) == 0x80) {
                throw new DerException("padded OID arc");
            }
            long value = 0;
            BigInteger big = null;
            while (true) {
                int c = buf[p++] & 0xff;
                if (big != null) {
                    big = big.shiftLeft(7).or(BigInteger.valueOf(c & 0x7f));
                } else {
                    value = (value << 7) | (c & 0x7f);
                    if (value > (Long.MAX_VALUE >> 8)) {
                        big = BigInteger.valueOf(value);
                    }
                }
                if ((c & 0x80) == 0) {
                    break;
                }
            }
            if (first) {
                first = false;
                if (big != null) {
                    sb.append('2').append('.').append(big.subtract(BigInteger.valueOf(80)));
                    continue;
                }
                if (value >= 80) {
                    sb.append("2.").append(value - 80);
                } else {
                    sb.append(value / 40).append('.').append(value % 40);
                }
                continue;
            }
            sb.append('.');
            if (big != null) {
                sb.append(big);
            } else {
                sb.append(value);
            }
        }
        return sb.toString();
    }
}
