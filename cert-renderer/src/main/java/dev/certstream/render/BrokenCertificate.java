package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The CERT shape with what can be known of a chain certificate that does not parse (its fingerprints and
 * DER), so that its entry still goes out with a chain of the right length.
 */
final class BrokenCertificate {

    private BrokenCertificate() {
    }

    /** The CERT object of a certificate that does not parse, with its SHA-256. */
    static byte[] json(byte[] der, byte[] sha256) {
        String sha1 = TextOut.hexColon(sha1(der), true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(der.length * 2 + 512);
        try (JsonGenerator gen = CertificateRenderer.JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            for (String side : new String[] {"subject", "issuer"}) {
                gen.writeFieldName(side);
                gen.writeStartObject();
                for (String f : new String[] {"aggregated", "C", "ST", "L", "O", "OU", "CN", "emailAddress"}) {
                    gen.writeNullField(f);
                }
                gen.writeEndObject();
            }
            gen.writeFieldName("extensions");
            gen.writeStartObject();
            gen.writeEndObject();
            gen.writeNullField("not_before");
            gen.writeNullField("not_after");
            gen.writeNullField("serial_number");
            gen.writeStringField("fingerprint", sha1);
            gen.writeStringField("sha1", sha1);
            gen.writeStringField("sha256", TextOut.hexColon(sha256, true));
            gen.writeNullField("signature_algorithm");
            gen.writeBooleanField("is_ca", false);
            gen.writeStringField("as_der", Base64.getEncoder().encodeToString(der));
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] sha1(byte[] der) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(der);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
