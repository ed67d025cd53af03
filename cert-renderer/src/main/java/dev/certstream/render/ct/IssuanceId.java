package dev.certstream.render.ct;

import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The id of one issuance, shared by a precertificate and its final certificate: SHA-256 of the
 * TBSCertificate without the CT poison (1.3.6.1.4.1.11129.2.4.3) and SCT list (1.3.6.1.4.1.11129.2.4.2)
 * extensions. RFC 6962 §3.1 makes the final certificate's TBS equal the precertificate's minus the poison,
 * plus the SCT list; a precert entry's {@code tbs_certificate} (leaf_input or tile) already has the poison
 * removed and the final issuer and authority key id put in when a precertificate signing certificate was used,
 * so it is the right input whenever the entry carries it.
 */
public final class IssuanceId {

    private static final String POISON = "1.3.6.1.4.1.11129.2.4.3";
    private static final String SCT_LIST = "1.3.6.1.4.1.11129.2.4.2";
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(IssuanceId::sha256Digest);

    private IssuanceId() {
    }

    /**
     * The entry's issuance id: from the log's TBS for a precert entry that has it, else from the certificate's
     * own TBS. A certificate whose TBS cannot be taken apart gets the SHA-256 of its whole DER: an id of its
     * own, so it is never collapsed with another.
     */
    public static byte[] of(DecodedEntry entry) {
        if (entry.precertTbs() != null && entry.precertTbs().length > 0) {
            return sha256(strippedTbs(entry.precertTbs(), entry.precertTbs()));
        }
        byte[] der = entry.leafDer();
        try {
            Der certificate = new Der(der).next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            certificate.next(Der.UNIVERSAL, Der.SEQUENCE, true);
            byte[] tbs = java.util.Arrays.copyOfRange(der, certificate.start, certificate.position());
            return sha256(strippedTbs(tbs, der));
        } catch (DerException | RuntimeException e) {
            return sha256(der);
        }
    }

    /** The TBS without the poison and SCT list extensions; itself when it has neither; {@code fallback} when unreadable. */
    static byte[] strippedTbs(byte[] tbs, byte[] fallback) {
        try {
            return strip(tbs);
        } catch (DerException | RuntimeException e) {
            return fallback;
        }
    }

    private static byte[] strip(byte[] tbs) throws DerException {
        Der fields = new Der(tbs).next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
        while (fields.hasNext()) {
            fields.next();
            if (fields.tagClass == Der.CONTEXT && fields.tag == 3 && fields.constructed) {
                return withoutCtExtensions(tbs, fields);
            }
        }
        return tbs;
    }

    /** Rebuilds the TBS around the kept extensions; the [3] wrapper goes when none is left, as for a TBS without any. */
    private static byte[] withoutCtExtensions(byte[] tbs, Der wrapper) throws DerException {
        Der list = wrapper.explicitInner();
        list.expect(Der.UNIVERSAL, Der.SEQUENCE, true);
        Der extensions = list.contents();
        ByteArrayOutputStream kept = new ByteArrayOutputStream(list.length());
        boolean removed = false;
        while (extensions.hasNext()) {
            extensions.next(Der.UNIVERSAL, Der.SEQUENCE, true);
            int from = extensions.start;
            int to = extensions.position();
            Der oid = extensions.contents().next();
            String dotted = oid.expectOid();
            if (dotted.equals(POISON) || dotted.equals(SCT_LIST)) {
                removed = true;
            } else {
                kept.write(tbs, from, to - from);
            }
        }
        if (!removed) {
            return tbs;
        }
        Der outer = new Der(tbs).next();
        ByteArrayOutputStream body = new ByteArrayOutputStream(tbs.length);
        body.write(tbs, outer.valueStart, wrapper.start - outer.valueStart);
        if (kept.size() > 0) {
            byte[] sequence = tlv(0x30, kept.toByteArray());
            body.writeBytes(tlv(0xa3, sequence));
        }
        body.write(tbs, wrapper.position(), outer.valueEnd - wrapper.position());
        return tlv(0x30, body.toByteArray());
    }

    /** A DER element: the tag byte, the definite length in its shortest form, the content. */
    static byte[] tlv(int tag, byte[] content) {
        int length = content.length;
        int lengthBytes = length < 0x80 ? 0 : (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] out = new byte[2 + lengthBytes + length];
        out[0] = (byte) tag;
        if (lengthBytes == 0) {
            out[1] = (byte) length;
        } else {
            out[1] = (byte) (0x80 | lengthBytes);
            for (int i = 0; i < lengthBytes; i++) {
                out[2 + i] = (byte) (length >>> (8 * (lengthBytes - 1 - i)));
            }
        }
        System.arraycopy(content, 0, out, 2 + lengthBytes, length);
        return out;
    }

    private static byte[] sha256(byte[] bytes) {
        return SHA256.get().digest(bytes);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
