package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;

/**
 * One OpenSSL 3.0 extension method's printer: decodes the extension value (the OCTET STRING contents)
 * as OpenSSL's d2i would and writes what X509V3_EXT_print writes at the given indent.
 */
@FunctionalInterface
interface ExtensionPrinter {
    /** Throws when OpenSSL's decode or print would fail, in which case OpenSSL dumps the raw value. */
    void print(TextOut out, byte[] value, int indent) throws DerException;

    /** The single top-level element OpenSSL's d2i reads; trailing bytes are ignored as OpenSSL ignores them. */
    static Der top(byte[] value) throws DerException {
        Der d = new Der(value);
        d.next();
        return d;
    }

    /** The top-level element, required to be a universal SEQUENCE. */
    static Der topSequence(byte[] value) throws DerException {
        Der d = top(value);
        if (d.tagClass != Der.UNIVERSAL || d.tag != Der.SEQUENCE || !d.constructed) {
            throw new DerException("expected SEQUENCE");
        }
        return d;
    }

    /** The top-level element as a SEQUENCE OF: a universal SEQUENCE in either form (see {@link Der#nextListOf}). */
    static Der topSequenceOf(byte[] value) throws DerException {
        Der d = top(value);
        if (d.tagClass != Der.UNIVERSAL || d.tag != Der.SEQUENCE) {
            throw new DerException("expected SEQUENCE OF");
        }
        return d;
    }

    /** The top-level element, required to be this primitive universal type. */
    static Der topPrimitive(byte[] value, int tag) throws DerException {
        Der d = top(value);
        if (d.tagClass != Der.UNIVERSAL || d.tag != tag) {
            throw new DerException("expected tag " + tag);
        }
        return d;
    }
}
