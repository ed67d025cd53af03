package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;

import java.util.ArrayList;
import java.util.List;

/** An X.509 Name as its attributes in DN order, each with the raw tag and octets of its value. */
final class DistinguishedName {
    /**
     * One attribute of a name.
     *
     * @param oid      attribute type, dotted
     * @param tag      universal tag number of the value, or -1 when the value is not universal
     * @param content  the value's content octets (for SEQUENCE/SET values the whole encoding, as OpenSSL keeps it)
     * @param encoding the value's whole encoding
     * @param set      index of the RDN the attribute belongs to (equal for a multi-valued RDN)
     */
    record Attribute(String oid, int tag, byte[] content, byte[] encoding, int set) {
    }

    static final String CN = "2.5.4.3";
    static final String C = "2.5.4.6";
    static final String L = "2.5.4.7";
    static final String ST = "2.5.4.8";
    static final String O = "2.5.4.10";
    static final String OU = "2.5.4.11";
    static final String EMAIL = "1.2.840.113549.1.9.1";

    final List<Attribute> attributes;
    /** False when an attribute held more than its type and value: OpenSSL refuses such a name. */
    private final boolean exact;

    private DistinguishedName(List<Attribute> attributes, boolean exact) {
        this.attributes = attributes;
        this.exact = exact;
    }

    /** Decodes a Name from the element the cursor has just read (a SEQUENCE OF SET OF attribute). */
    static DistinguishedName parse(Der name) throws DerException {
        // A Name is a SEQUENCE OF SET OF: OpenSSL reads both lists whatever their constructed bit says.
        if (name.tagClass != Der.UNIVERSAL || name.tag != Der.SEQUENCE) {
            throw new DerException("name is not a SEQUENCE");
        }
        List<Attribute> list = new ArrayList<>(8);
        Der rdns = name.contents();
        int set = 0;
        boolean exact = true;
        while (rdns.hasNext()) {
            rdns.nextListOf(Der.SET);
            Der atvs = rdns.contents();
            while (atvs.hasNext()) {
                atvs.next(Der.UNIVERSAL, Der.SEQUENCE, true);
                Der atv = atvs.contents();
                String oid = atv.next().expectOid();
                Der v = atv.next();
                int tag = v.tagClass == Der.UNIVERSAL ? v.tag : -1;
                byte[] encoding = v.encoding();
                list.add(new Attribute(oid, tag, content(v, tag, encoding), encoding, set));
                // Kept for the certificate's own names (lenient), but no DirName OpenSSL would print.
                exact &= !atv.hasNext();
            }
            set++;
        }
        return new DistinguishedName(list, exact);
    }

    /** What OpenSSL keeps as an attribute value's data: the whole encoding for SEQUENCE/SET, the bits of a BIT STRING. */
    static byte[] content(Der v, int tag, byte[] encoding) throws DerException {
        if (tag == Der.SEQUENCE || tag == Der.SET) {
            return encoding;
        }
        byte[] raw = v.octets();
        if (tag == Der.BIT_STRING && raw.length > 0) {
            byte[] bits = java.util.Arrays.copyOfRange(raw, 1, raw.length);
            if (bits.length > 0) {
                bits[bits.length - 1] &= (byte) (0xff << (raw[0] & 7));
            }
            return bits;
        }
        return raw;
    }

    /**
     * Whether OpenSSL's X509_NAME decoder takes this name: every value must be of a type its
     * DirectoryString-like template allows, and every text value must convert to UTF-8 (its
     * canonical form is computed while decoding, so bad UTF-8, BMP or UniversalString fails the name).
     */
    boolean acceptedByOpenssl() {
        return decodes(true);
    }

    /**
     * Whether OpenSSL decodes these attributes as loose entries (a CRL distribution point's relative
     * name): the value types and encodings are checked, but no canonical form is made, so bad UTF-8 passes.
     */
    boolean entriesDecode() {
        return decodes(false);
    }

    private boolean decodes(boolean canonical) {
        if (!exact) {
            return false;
        }
        for (Attribute a : attributes) {
            if ((a.tag() == Der.SEQUENCE || a.tag() == Der.SET) && (a.encoding()[0] & 0x20) == 0) {
                return false;  // a SEQUENCE or SET value must be constructed
            }
            if (!valueAccepted(a.tag(), a.content(), canonical) || (a.tag() == Der.BIT_STRING && !bitStringAccepted(a.encoding()))) {
                return false;
            }
        }
        return true;
    }

    /** c2i_ASN1_BIT_STRING: at least the unused-bits octet, and at most 7 unused bits. */
    private static boolean bitStringAccepted(byte[] encoding) {
        try {
            byte[] raw = new Der(encoding).next().octets();
            return raw.length >= 1 && (raw[0] & 0xff) <= 7;
        } catch (DerException e) {
            return false;
        }
    }

    private static boolean valueAccepted(int tag, byte[] d, boolean canonical) {
        switch (tag) {
            case 3, 7, 8, 9, 11, 13, 14, 15, 16, 18, 19, 20, 22, 29:
                return true;
            case Der.UTF8_STRING:
                return !canonical || TextOut.isUtf8(d);
            case Der.BMP_STRING:
                if ((d.length & 1) != 0) {
                    return false;
                }
                for (int i = 0; i < d.length; i += 2) {
                    int c = ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff);
                    if (canonical && c >= 0xd800 && c <= 0xdfff) {
                        return false;
                    }
                }
                return true;
            case 28:
                if ((d.length & 3) != 0) {
                    return false;
                }
                for (int i = 0; i < d.length; i += 4) {
                    long c = ((long) (d[i] & 0xff) << 24) | ((d[i + 1] & 0xff) << 16) | ((d[i + 2] & 0xff) << 8) | (d[i + 3] & 0xff);
                    if (canonical && (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))) {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    static DistinguishedName of(List<Attribute> attributes) {
        return new DistinguishedName(List.copyOf(attributes), true);
    }

    /** The first attribute of this type, or null. */
    Attribute first(String oid) {
        for (Attribute a : attributes) {
            if (a.oid.equals(oid)) {
                return a;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return attributes.isEmpty();
    }
}
