package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.DerException;


import java.util.ArrayList;
import java.util.List;

/**
 * OpenSSL's STACK_OF(CONF_VALUE): the name/value pairs an i2v printer produces, and
 * X509V3_EXT_val_prn, which lays them out on one line or one per line.
 */
final class ConfValues {
    private final List<String> names = new ArrayList<>(4);
    private final List<String> values = new ArrayList<>(4);

    void add(String name, String value) {
        names.add(name);
        values.add(value);
    }

    /** x509v3_add_len_value: a value holding a NUL byte is refused, which fails the whole printer. */
    void addBytes(String name, byte[] value) throws DerException {
        if (GeneralNamePrinter.hasNul(value)) {
            throw new DerException("NUL in value");
        }
        add(name, new TextOut().raw(value).sb.toString());
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    void rename(int i, String name) {
        names.set(i, name);
    }

    /** X509V3_EXT_val_prn. */
    void print(TextOut out, int indent, boolean multiline) {
        int n = names.size();
        if (!multiline || n == 0) {
            out.spaces(indent);
            if (n == 0) {
                out.ascii("<EMPTY>\n");
            }
        }
        for (int i = 0; i < n; i++) {
            if (multiline) {
                if (i > 0) {
                    out.ch('\n');
                }
                out.spaces(indent);
            } else if (i > 0) {
                out.ascii(", ");
            }
            String name = names.get(i);
            String value = values.get(i);
            if (name == null) {
                out.ascii(value);
            } else if (value == null) {
                out.ascii(name);
            } else {
                out.ascii(name).ch(':').ascii(value);
            }
        }
    }
}
