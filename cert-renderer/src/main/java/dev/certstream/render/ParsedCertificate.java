package dev.certstream.render;

import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an X.509 certificate certstream shows, decoded leniently from the DER: anything that
 * is present and readable is kept, so one odd field never loses the certificate.
 */
final class ParsedCertificate {
    final byte[] der;
    /** End of the certificate's own encoding within {@link #der} (trailing bytes are not part of it). */
    final int end;
    byte[] serial;
    String signatureOid;
    int sigParamsFrom;
    int sigParamsTo;
    DistinguishedName issuer;
    DistinguishedName subject;
    int notBeforeTag;
    byte[] notBefore;
    int notAfterTag;
    byte[] notAfter;
    final List<ExtensionRenderer.RawExtension> extensions = new ArrayList<>();
    /** Extension entries that were not even an {OID, [critical], OCTET STRING} sequence. */
    int unreadableExtensions;

    private ParsedCertificate(byte[] der, int end) {
        this.der = der;
        this.end = end;
    }

    /** Decodes the certificate; throws when it is not a certificate at all (no TBS with the mandatory fields). */
    static ParsedCertificate parse(byte[] der) throws DerException {
        Der top = new Der(der);
        top.next(Der.UNIVERSAL, Der.SEQUENCE, true);
        ParsedCertificate c = new ParsedCertificate(der, top.position());
        Der cert = top.contents();
        cert.next(Der.UNIVERSAL, Der.SEQUENCE, true);
        Der tbs = cert.contents();
        if (tbs.peekIs(Der.CONTEXT, 0)) {
            tbs.next();
        }
        Der serial = tbs.next();
        if (serial.tagClass != Der.UNIVERSAL || serial.tag != Der.INTEGER) {
            throw new DerException("no serial number");
        }
        c.serial = serial.octets();
        c.readSignatureAlgorithm(tbs.next(Der.UNIVERSAL, Der.SEQUENCE, true));
        c.issuer = DistinguishedName.parse(tbs.next());
        Der validity = tbs.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
        Der nb = validity.next();
        c.notBeforeTag = nb.tagClass == Der.UNIVERSAL ? nb.tag : -1;
        c.notBefore = nb.octets();
        Der na = validity.next();
        c.notAfterTag = na.tagClass == Der.UNIVERSAL ? na.tag : -1;
        c.notAfter = na.octets();
        c.subject = DistinguishedName.parse(tbs.next());
        if (tbs.hasNext()) {
            tbs.next();
        }
        while (tbs.hasNext()) {
            Der field = tbs.next();
            if (field.tagClass == Der.CONTEXT && field.tag == 3 && field.constructed) {
                c.readExtensions(field.contents());
            }
        }
        // The outer signatureAlgorithm is the one the signature was made with (what certstream's other
        // servers and OpenSSL's final "Signature Algorithm" line show); the TBS copy stands in when it is unreadable.
        try {
            if (cert.hasNext()) {
                c.readSignatureAlgorithm(cert.next(Der.UNIVERSAL, Der.SEQUENCE, true));
            }
        } catch (DerException e) {
            // keep the TBS signature algorithm
        }
        return c;
    }

    private void readSignatureAlgorithm(Der algorithmIdentifier) throws DerException {
        Der alg = algorithmIdentifier.contents();
        String oid = alg.next().expectOid();
        int from = alg.position();
        int to = alg.hasNext() ? alg.next().position() : from;
        signatureOid = oid;
        sigParamsFrom = from;
        sigParamsTo = to;
    }

    private void readExtensions(Der explicit) throws DerException {
        Der list = explicit.nextListOf(Der.SEQUENCE).contents();
        while (list.hasNext()) {
            int before = list.position();
            try {
                Der ext = list.next();
                if (ext.tagClass != Der.UNIVERSAL || ext.tag != Der.SEQUENCE || !ext.constructed) {
                    throw new DerException("extension is not a SEQUENCE");
                }
                Der fields = ext.contents();
                String oid = fields.next().expectOid();
                boolean critical = false;
                if (fields.peekIs(Der.UNIVERSAL, Der.BOOLEAN)) {
                    critical = fields.next().bool();
                }
                Der value = fields.next();
                if (value.tagClass != Der.UNIVERSAL || value.tag != Der.OCTET_STRING) {
                    throw new DerException("extension value is not an OCTET STRING");
                }
                extensions.add(new ExtensionRenderer.RawExtension(oid, critical, value.octets()));
            } catch (DerException e) {
                unreadableExtensions++;
                if (list.position() == before) {
                    return;
                }
            }
        }
    }

    /** The first extension with this OID, or null. */
    ExtensionRenderer.RawExtension extension(String oid) {
        for (ExtensionRenderer.RawExtension e : extensions) {
            if (e.oid().equals(oid)) {
                return e;
            }
        }
        return null;
    }
}
