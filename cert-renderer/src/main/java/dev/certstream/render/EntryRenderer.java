package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.ct.DecodedEntry;


import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns a decoded log entry into the three certstream messages (full, lite, dns_entries). Each part
 * is rendered once and the messages are assembled by copying bytes; chain certificates come from a
 * bounded cache. Thread-safe: one instance can serve every worker thread.
 */
public final class EntryRenderer {
    private static final byte[] UPDATE_PREFIX = ascii("{\"message_type\":\"certificate_update\",\"data\":{\"update_type\":\"");
    private static final byte[] LEAF_FIELD = ascii("\",\"leaf_cert\":");
    private static final byte[] CHAIN_FIELD = ascii(",\"chain\":[");
    private static final byte[] DOMAINS_PREFIX = ascii("{\"message_type\":\"dns_entries\",\"data\":");

    private final CertificateRenderer certificates;
    private final ChainCertificateCache chainCache;
    private final LongAdder brokenChainCertificates = new LongAdder();

    public EntryRenderer(CertificateRenderer certificates, ChainCertificateCache chainCache) {
        this.certificates = certificates;
        this.chainCache = chainCache;
    }

    /** @param chainCacheSize how many rendered chain certificates to keep */
    public EntryRenderer(int chainCacheSize) {
        this(new CertificateRenderer(), new ChainCertificateCache(chainCacheSize));
    }

    public CertificateRenderer certificates() {
        return certificates;
    }

    public ChainCertificateCache chainCache() {
        return chainCache;
    }

    /** Chain certificates that could not be parsed and went out as fingerprints and DER only. */
    public long brokenChainCertificates() {
        return brokenChainCertificates.sum();
    }

    public LongAdder brokenChainCertificateCounter() {
        return brokenChainCertificates;
    }

    /**
     * @param seenMicros when this server processed the entry, microseconds since the epoch
     * @throws CertificateParseException when the leaf (or precertificate) cannot be parsed at all
     */
    public Renderings render(DecodedEntry entry, LogDescription source, long seenMicros) throws CertificateParseException {
        if (entry.leafDer() == null || entry.leafDer().length == 0) {
            throw new CertificateParseException("entry " + entry.index() + " of " + source.url() + " has no certificate");
        }
        RenderedCertificate leaf;
        try {
            leaf = certificates.render(entry.leafDer(), true);
        } catch (CertificateParseException e) {
            throw new CertificateParseException("entry " + entry.index() + " of " + source.url() + ": " + e.getMessage());
        }
        List<byte[]> chain = new ArrayList<>(entry.chainDer() == null ? 0 : entry.chainDer().size());
        int chainBytes = 0;
        if (entry.chainDer() != null) {
            for (byte[] der : entry.chainDer()) {
                byte[] json = chainCertificate(der == null ? new byte[0] : der);
                chainBytes += json.length + (chain.isEmpty() ? 0 : 1);
                chain.add(json);
            }
        }
        byte[] type = ascii(entry.type().updateType());
        byte[] tail = tail(entry, source, seenMicros);
        int head = UPDATE_PREFIX.length + type.length + LEAF_FIELD.length;

        Assembler full = new Assembler(head + leaf.fullLength() + CHAIN_FIELD.length + chainBytes + 1 + tail.length);
        full.add(UPDATE_PREFIX).add(type).add(LEAF_FIELD).add(leaf.body()).add(leaf.asDerField()).add('}').add(CHAIN_FIELD);
        for (int i = 0; i < chain.size(); i++) {
            if (i > 0) {
                full.add(',');
            }
            full.add(chain.get(i));
        }
        full.add(']').add(tail);

        Assembler lite = new Assembler(head + leaf.body().length + 1 + tail.length);
        lite.add(UPDATE_PREFIX).add(type).add(LEAF_FIELD).add(leaf.body()).add('}').add(tail);

        Assembler domains = new Assembler(DOMAINS_PREFIX.length + leaf.domainsJson().length + 1);
        domains.add(DOMAINS_PREFIX).add(leaf.domainsJson()).add('}');

        return new Renderings(full.bytes(), lite.bytes(), domains.bytes(), leaf.allDomains(),
                leaf.issuerOrganization(), leaf.issuerCommonName(), leaf.sha256());
    }

    /** A chain certificate's JSON, from the cache or rendered (a broken one as fingerprints and DER). */
    byte[] chainCertificate(byte[] der) {
        byte[] sha256 = CertificateRenderer.sha256(der);
        byte[] cached = chainCache.get(sha256);
        if (cached != null) {
            return cached;
        }
        byte[] json;
        try {
            json = certificates.render(der, false, sha256).full();
        } catch (CertificateParseException e) {
            brokenChainCertificates.increment();
            json = brokenCertificate(der, sha256);
        }
        chainCache.put(sha256, json);
        return json;
    }

    /** The CERT shape with what can be known of a certificate that does not parse. */
    static byte[] brokenCertificate(byte[] der, byte[] sha256) {
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

    /** {@code ,"cert_index":...,"source":{...}}}}: everything after the chain (or leaf), shared by full and lite. */
    private static byte[] tail(DecodedEntry entry, LogDescription source, long seenMicros) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = CertificateRenderer.JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeNumberField("cert_index", entry.index());
            gen.writeStringField("cert_link", entry.certLink());
            gen.writeFieldName("seen");
            gen.writeNumber(decimal(seenMicros, 1_000_000, 6));
            gen.writeFieldName("source");
            gen.writeStartObject();
            gen.writeStringField("url", source.url());
            gen.writeStringField("name", source.name());
            gen.writeStringField("operator", source.operator());
            gen.writeStringField("type", source.typeName());
            gen.writeFieldName("timestamp");
            gen.writeNumber(decimal(entry.timestampMs(), 1000, 3));
            gen.writeEndObject();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The object's own closing brace closes "data"; one more closes the message.
        byte[] obj = bytes.toByteArray();
        byte[] tail = new byte[obj.length + 1];
        tail[0] = ',';
        System.arraycopy(obj, 1, tail, 1, obj.length - 1);
        tail[tail.length - 1] = '}';
        return tail;
    }

    /** {@code value / unit} as a decimal with {@code digits} fraction digits, without floating-point rounding. */
    static String decimal(long value, long unit, int digits) {
        long whole = Math.floorDiv(value, unit);
        String fraction = Long.toString(Math.floorMod(value, unit));
        return whole + "." + "0".repeat(digits - fraction.length()) + fraction;
    }

    private static byte[] sha1(byte[] der) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(der);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Copies parts into one exactly sized array. */
    private static final class Assembler {
        private final byte[] out;
        private int at;

        Assembler(int size) {
            out = new byte[size];
        }

        Assembler add(byte[] part) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
            return this;
        }

        Assembler add(char c) {
            out[at++] = (byte) c;
            return this;
        }

        byte[] bytes() {
            return at == out.length ? out : java.util.Arrays.copyOf(out, at);
        }
    }
}
