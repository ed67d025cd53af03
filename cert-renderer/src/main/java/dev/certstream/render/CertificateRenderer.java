package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Asn1Time;
import dev.certstream.render.asn1.DerException;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Renders one certificate (DER) as certstream's CERT object, with every field the wire format names,
 * exactly as OpenSSL 3.0 would print it. Thread-safe: it holds only counters and the shared JsonFactory.
 */
public final class CertificateRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateRenderer.class);
    static final JsonFactory JSON = new JsonFactory();
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> digest("SHA-1"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digest("SHA-256"));

    private final LongAdder malformedExtensions = new LongAdder();
    private final ExtensionRenderer extensionRenderer = new ExtensionRenderer(malformedExtensions);

    /** Extensions OpenSSL could not decode (rendered as hex) since this renderer was made. */
    public long malformedExtensions() {
        return malformedExtensions.sum();
    }

    /** The counter behind {@link #malformedExtensions()}, for a metrics exporter. */
    public LongAdder malformedExtensionCounter() {
        return malformedExtensions;
    }

    /**
     * @param der  the certificate
     * @param leaf whether to add {@code all_domains} (the leaf of an entry, or the parse command)
     */
    public RenderedCertificate render(byte[] der, boolean leaf) throws CertificateParseException {
        return render(der, leaf, null);
    }

    /** As {@link #render(byte[], boolean)}, with the DER's SHA-256 when the caller already has it. */
    public RenderedCertificate render(byte[] der, boolean leaf, byte[] sha256) throws CertificateParseException {
        ParsedCertificate cert;
        try {
            cert = ParsedCertificate.parse(der);
        } catch (DerException | RuntimeException e) {
            throw new CertificateParseException("not a readable X.509 certificate: " + e.getMessage());
        }
        malformedExtensions.add(cert.unreadableExtensions);
        byte[] own = cert.end == der.length ? der : java.util.Arrays.copyOf(der, cert.end);
        byte[] sha = sha256 != null ? sha256 : sha256(own);
        try {
            return write(cert, own, leaf, sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // A bug, not bad input (every decode failure is handled above): keep the entry's caller alive.
            LOG.warn("cannot render certificate {}: {}", TextOut.hexColon(sha, true), e.toString(), e);
            throw new CertificateParseException("cannot render certificate: " + e);
        }
    }

    private RenderedCertificate write(ParsedCertificate cert, byte[] der, boolean leaf, byte[] sha256) throws IOException {
        ByteSink bytes = new ByteSink(2048 + der.length);
        List<String> domains = List.of();
        NameFields issuer;
        int domainsFrom = -1;
        int domainsTo = -1;
        try (JsonGenerator gen = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            List<String> subjectCns = writeName(gen, "subject", cert.subject).all(DistinguishedName.CN);
            issuer = writeName(gen, "issuer", cert.issuer);
            extensionRenderer.write(gen, cert.extensions);
            writeTime(gen, "not_before", cert.notBeforeTag, cert.notBefore);
            writeTime(gen, "not_after", cert.notAfterTag, cert.notAfter);
            gen.writeStringField("serial_number", serial(cert.serial));
            String sha1 = TextOut.hexColon(SHA1.get().digest(der), true);
            gen.writeStringField("fingerprint", sha1);
            gen.writeStringField("sha1", sha1);
            gen.writeStringField("sha256", TextOut.hexColon(sha256, true));
            gen.writeStringField("signature_algorithm",
                    SignatureAlgorithmNames.name(cert.signatureOid, cert.der, cert.sigParamsFrom, cert.sigParamsTo));
            ExtensionRenderer.RawExtension bc = cert.extension(ExtensionPrinters.BASIC_CONSTRAINTS);
            gen.writeBooleanField("is_ca", bc != null && BasicExtensionPrinters.isCa(bc.value()));
            if (leaf) {
                domains = allDomains(subjectCns, cert);
                gen.writeFieldName("all_domains");
                gen.writeStartArray();
                gen.flush();
                // The field's ':' goes out lazily, with the value: the last byte written is the array's '['.
                domainsFrom = bytes.size() - 1;
                if (bytes.array()[domainsFrom] != '[') {
                    throw new IllegalStateException("all_domains does not start where the generator left off");
                }
                for (String d : domains) {
                    gen.writeString(d);
                }
                gen.writeEndArray();
                gen.flush();
                domainsTo = bytes.size();
            }
            gen.writeEndObject();
        }
        // The object's closing brace is left out: the full form writes as_der before it.
        return new RenderedCertificate(bytes.array(), bytes.size() - 1, domainsFrom, domainsTo,
                Base64.getEncoder().encode(der), domains, sha256,
                issuer.first(DistinguishedName.O), issuer.first(DistinguishedName.CN));
    }

    /** Writes a subject/issuer object and returns its fields (the subject's CNs go into all_domains). */
    private static NameFields writeName(JsonGenerator gen, String field, DistinguishedName name) throws IOException {
        NameFields f = NameFields.of(name);
        gen.writeFieldName(field);
        gen.writeStartObject();
        gen.writeStringField("aggregated", f.aggregated());
        gen.writeStringField("C", f.first(DistinguishedName.C));
        gen.writeStringField("ST", f.first(DistinguishedName.ST));
        gen.writeStringField("L", f.first(DistinguishedName.L));
        gen.writeStringField("O", f.first(DistinguishedName.O));
        gen.writeStringField("OU", f.first(DistinguishedName.OU));
        gen.writeStringField("CN", f.first(DistinguishedName.CN));
        gen.writeStringField("emailAddress", f.first(DistinguishedName.EMAIL));
        gen.writeEndObject();
        return f;
    }

    private static void writeTime(JsonGenerator gen, String field, int tag, byte[] value) throws IOException {
        long t = Asn1Time.epochSeconds(tag, value);
        if (t == Long.MIN_VALUE) {
            // OpenSSL prints "Bad time value"; no number is honest here.
            gen.writeNullField(field);
        } else {
            gen.writeNumberField(field, t);
        }
    }

    /** Uppercase hex without leading zeros, '-' before a negative value. */
    static String serial(byte[] twosComplement) {
        if (twosComplement.length == 0) {
            return "0";
        }
        BigInteger v = new BigInteger(twosComplement);
        String hex = v.abs().toString(16).toUpperCase(Locale.ROOT);
        return v.signum() < 0 ? "-" + hex : hex;
    }

    private static List<String> allDomains(List<String> subjectCns, ParsedCertificate cert) {
        List<String> dns = new ArrayList<>();
        for (ExtensionRenderer.RawExtension e : cert.extensions) {
            if (e.oid().equals(ExtensionPrinters.SUBJECT_ALT_NAME)) {
                NameExtensionPrinters.dnsNames(e.value(), dns);
            }
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(subjectCns);
        all.addAll(dns);
        return List.copyOf(all);
    }

    static byte[] sha256(byte[] der) {
        return SHA256.get().digest(der);
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from the JDK", e);
        }
    }
}
