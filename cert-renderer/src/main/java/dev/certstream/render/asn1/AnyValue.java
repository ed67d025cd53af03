package dev.certstream.render.asn1;

/** The checks OpenSSL's decoder makes on a value whose type is ANY (an otherName value, a policy qualifier). */
public final class AnyValue {
    private AnyValue() {
    }

    /**
     * Checks the element the cursor has just read as OpenSSL decodes an ANY value (asn1_d2i_ex_primitive,
     * asn1_ex_c2i): a universal SEQUENCE or SET must be constructed; a BOOLEAN, NULL, INTEGER, ENUMERATED or
     * OID primitive and well formed; a BIT STRING's unused-bit count at most 7; a BMPString of whole 2-byte and
     * a UniversalString of whole 4-byte characters. Times of any length pass: libcrypto 3.0 takes them.
     */
    public static void check(Der d) throws DerException {
        if (d.tagClass != Der.UNIVERSAL) {
            return;
        }
        switch (d.tag) {
            case Der.SEQUENCE, Der.SET -> {
                if (!d.constructed) {
                    throw new DerException("type not constructed");
                }
                return;
            }
            case Der.BOOLEAN, Der.NULL, Der.INTEGER, Der.ENUMERATED, Der.OID -> {
                if (d.constructed) {
                    throw new DerException("type not primitive");
                }
            }
            default -> {
            }
        }
        int n = d.constructed ? d.octets().length : d.length();
        switch (d.tag) {
            case Der.BOOLEAN -> d.bool();
            case Der.NULL -> {
                if (n != 0) {
                    throw new DerException("null is wrong length");
                }
            }
            case Der.INTEGER, Der.ENUMERATED -> d.checkInteger();
            case Der.OID -> d.oid();
            case Der.BIT_STRING -> {
                byte[] b = d.octets();
                if (b.length < 1 || (b[0] & 0xff) > 7) {
                    throw new DerException("invalid bit string");
                }
            }
            case Der.BMP_STRING -> require(n % 2 == 0, "bmpstring is wrong length");
            case 28 -> require(n % 4 == 0, "universalstring is wrong length");
            default -> {
            }
        }
    }

    /**
     * Whether the element last read is an end-of-contents (00 00). OpenSSL's SEQUENCE decoder stops with
     * "unexpected eoc" when it meets one where a field should be (under an EXPLICIT tag it is just a value).
     */
    public static boolean isEndOfContents(Der d) {
        return d.tagClass == Der.UNIVERSAL && d.tag == 0 && !d.constructed && d.length() == 0;
    }

    private static void require(boolean ok, String why) throws DerException {
        if (!ok) {
            throw new DerException(why);
        }
    }
}
