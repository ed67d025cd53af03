package dev.certstream.watcher;

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

    private DistinguishedName(List<Attribute> attributes) {
        this.attributes = attributes;
    }

    /** Decodes a Name from the element the cursor has just read (a SEQUENCE OF SET OF attribute). */
    static DistinguishedName parse(Der name) throws DerException {
        if (name.tagClass != Der.UNIVERSAL || name.tag != Der.SEQUENCE || !name.constructed) {
            throw new DerException("name is not a SEQUENCE");
        }
        List<Attribute> list = new ArrayList<>(8);
        Der rdns = name.contents();
        int set = 0;
        while (rdns.hasNext()) {
            rdns.next(Der.UNIVERSAL, Der.SET, true);
            Der atvs = rdns.contents();
            while (atvs.hasNext()) {
                atvs.next(Der.UNIVERSAL, Der.SEQUENCE, true);
                Der atv = atvs.contents();
                String oid = atv.next().expectOid();
                Der v = atv.next();
                int tag = v.tagClass == Der.UNIVERSAL ? v.tag : -1;
                byte[] encoding = v.encoding();
                byte[] content = tag == Der.SEQUENCE || tag == Der.SET ? encoding : v.octets();
                list.add(new Attribute(oid, tag, content, encoding, set));
            }
            set++;
        }
        return new DistinguishedName(list);
    }

    static DistinguishedName of(List<Attribute> attributes) {
        return new DistinguishedName(List.copyOf(attributes));
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
