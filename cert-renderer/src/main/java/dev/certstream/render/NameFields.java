package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.OidNames;

import dev.certstream.render.DistinguishedName.Attribute;

import java.util.ArrayList;
import java.util.List;

/**
 * A name's attributes as {@code openssl x509 -nameopt sep_multiline,sname,utf8,esc_ctrl} lists them,
 * and certstream's {@code aggregated} form built from that list ({@code /C=US/O=X/CN=y}, '+' inside a
 * multi-valued RDN).
 *
 * @param oids       type (dotted OID) of each attribute printed, in DN order
 * @param values     the matching values
 * @param aggregated the aggregated form
 */
record NameFields(List<String> oids, List<String> values, String aggregated) {

    static NameFields of(DistinguishedName name) {
        int n = name.attributes.size();
        List<String> oids = new ArrayList<>(n);
        List<String> values = new ArrayList<>(n);
        TextOut agg = new TextOut();
        int prevSet = -1;
        for (Attribute a : name.attributes) {
            String sn = OidNames.shortName(a.oid());
            String field = sn != null ? sn : a.oid().length() >= 80 ? a.oid().substring(0, 79) : a.oid();
            agg.ch(prevSet == a.set() ? '+' : '/').ascii(field).ch('=');
            prevSet = a.set();
            TextOut v = new TextOut();
            boolean ok = NameText.utf8Value(v, a);
            agg.sb.append(v.sb);
            oids.add(a.oid());
            values.add(v.text());
            if (!ok) {
                // OpenSSL stops printing the name at a value it cannot convert.
                break;
            }
        }
        return new NameFields(oids, values, agg.text());
    }

    /** The first value of this attribute type, or null. */
    String first(String oid) {
        int i = oids.indexOf(oid);
        return i < 0 ? null : values.get(i);
    }

    /** Every value of this attribute type, in DN order. */
    List<String> all(String oid) {
        List<String> out = new ArrayList<>(1);
        for (int i = 0; i < oids.size(); i++) {
            if (oids.get(i).equals(oid)) {
                out.add(values.get(i));
            }
        }
        return out;
    }
}
