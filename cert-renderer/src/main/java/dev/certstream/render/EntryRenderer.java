package dev.certstream.render;

import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.render.ct.EntryType;
import dev.certstream.render.ct.Fingerprint;
import dev.certstream.render.ct.IssuanceId;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns a decoded log entry into the three certstream messages (full, lite, dns_entries), written one
 * after the other into one exactly sized array. Each part is rendered once and copied once, into that
 * array; chain certificates come from a bounded cache. Thread-safe: one instance can serve every worker thread.
 */
public final class EntryRenderer {
    private static final byte[] UPDATE_PREFIX = ascii("{\"message_type\":\"certificate_update\",\"data\":{\"update_type\":\"");
    private static final byte[] LEAF_FIELD = ascii("\",\"leaf_cert\":");
    private static final byte[] CHAIN_FIELD = ascii(",\"chain\":[");
    private static final byte[] DOMAINS_PREFIX = ascii("{\"message_type\":\"dns_entries\",\"data\":");
    /** Each entry type's update_type, by ordinal. */
    private static final byte[][] UPDATE_TYPES = Arrays.stream(EntryType.values())
            .map(t -> ascii(t.updateType())).toArray(byte[][]::new);

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
        List<byte[]> chain = chain(entry);
        int chainBytes = Math.max(0, chain.size() - 1);
        for (byte[] json : chain) {
            chainBytes += json.length;
        }
        byte[] type = UPDATE_TYPES[entry.type().ordinal()];
        byte[] issuanceId = IssuanceId.of(entry);
        ByteSink tail = tail(entry, source, seenMicros, issuanceId);
        int flagInTail = verifiedFlagAt(tail);
        // The tail object's '{' becomes ',' and one more '}' closes the message: one byte more than the object.
        int head = UPDATE_PREFIX.length + type.length + LEAF_FIELD.length;
        int fullLength = head + leaf.fullLength() + CHAIN_FIELD.length + chainBytes + 1 + tail.size() + 1;
        int liteLength = head + leaf.liteLength() + tail.size() + 1;
        int domainsLength = DOMAINS_PREFIX.length + leaf.domainsLength() + 1;

        Assembler out = new Assembler(new byte[fullLength + liteLength + domainsLength]);
        out.add(UPDATE_PREFIX).add(type).add(LEAF_FIELD);
        out.at = leaf.writeFull(out.bytes, out.at);
        out.add(CHAIN_FIELD);
        for (int i = 0; i < chain.size(); i++) {
            if (i > 0) {
                out.add(',');
            }
            out.add(chain.get(i));
        }
        out.add(']');
        // addTail writes the tail's bytes from its second on right after a ','.
        int fullFlag = out.at + flagInTail;
        out.addTail(tail);
        int liteFrom = out.at;
        out.add(UPDATE_PREFIX).add(type).add(LEAF_FIELD);
        out.at = leaf.writeLite(out.bytes, out.at);
        int liteFlag = out.at + flagInTail;
        out.addTail(tail);
        int domainsFrom = out.at;
        out.add(DOMAINS_PREFIX);
        out.at = leaf.writeDomains(out.bytes, out.at);
        out.add('}');
        if (liteFrom != fullLength || domainsFrom != fullLength + liteLength || out.at != out.bytes.length) {
            throw new IllegalStateException("entry " + entry.index() + " of " + source.url() + ": messages sized "
                    + fullLength + "/" + liteLength + "/" + domainsLength + " were written as " + liteFrom + "/"
                    + (domainsFrom - liteFrom) + "/" + (out.at - domainsFrom));
        }
        return new Renderings(out.bytes, liteFrom, domainsFrom, leaf.allDomains(),
                leaf.issuerOrganization(), leaf.issuerCommonName(), leaf.sha256(), issuanceId, fullFlag,
                liteFlag - liteFrom);
    }

    /** The chain certificates' JSON, keyed by the fingerprints the entry brings or else by their SHA-256. */
    private List<byte[]> chain(DecodedEntry entry) {
        List<byte[]> ders = entry.chainDer();
        if (ders == null) {
            return List.of();
        }
        List<byte[]> chain = new ArrayList<>(ders.size());
        for (int i = 0; i < ders.size(); i++) {
            byte[] der = ders.get(i) == null ? new byte[0] : ders.get(i);
            chain.add(entry.chainFingerprints() == null ? chainCertificate(der)
                    : chainCertificate(der, entry.chainFingerprints().get(i)));
        }
        return chain;
    }

    /** A chain certificate's JSON, from the cache or rendered (a broken one as fingerprints and DER). */
    byte[] chainCertificate(byte[] der) {
        return chainCertificate(der, Fingerprint.sha256(der));
    }

    /** As {@link #chainCertificate(byte[])}, for a DER already known to have this SHA-256. */
    byte[] chainCertificate(byte[] der, Fingerprint sha256) {
        return chainCache.get(sha256, fingerprint -> {
            byte[] digest = fingerprint.bytes();
            try {
                return certificates.render(der, false, digest).full();
            } catch (CertificateParseException e) {
                brokenChainCertificates.increment();
                return BrokenCertificate.json(der, digest);
            }
        });
    }

    /**
     * The JSON object {@code {"cert_index":...,"verified":false,"source":{...}}}: everything after the chain
     * (or leaf), shared by full and lite, which write it with ',' for its '{' and one more '}' (the
     * message's) after it. {@code verified} is written false and made true in place once the entry is
     * verified ({@link Renderings#markVerified()}), so that nothing is rendered or copied again.
     */
    private static ByteSink tail(DecodedEntry entry, LogDescription source, long seenMicros, byte[] issuanceId) {
        ByteSink bytes = new ByteSink(256);
        try (JsonGenerator gen = CertificateRenderer.JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeNumberField("cert_index", entry.index());
            gen.writeBooleanField(Renderings.VERIFIED_FIELD, false);
            gen.writeStringField("cert_link", entry.certLink());
            gen.writeStringField("issuance_id", java.util.HexFormat.of().formatHex(issuanceId));
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
        return bytes;
    }

    /** Where the tail's {@code false} of {@code verified} starts in the tail (whose '{' becomes the ',' before it). */
    private static int verifiedFlagAt(ByteSink tail) {
        byte[] name = ascii(",\"" + Renderings.VERIFIED_FIELD + "\":");
        byte[] bytes = tail.array();
        // cert_index holds only digits, so the first match is the field.
        for (int i = 1; i + name.length <= tail.size(); i++) {
            if (Arrays.equals(bytes, i, i + name.length, name, 0, name.length)) {
                return i + name.length;
            }
        }
        throw new IllegalStateException("the tail has no verified field");
    }

    /** {@code value / unit} as a decimal with {@code digits} fraction digits, without floating-point rounding. */
    static String decimal(long value, long unit, int digits) {
        long whole = Math.floorDiv(value, unit);
        String fraction = Long.toString(Math.floorMod(value, unit));
        return whole + "." + "0".repeat(digits - fraction.length()) + fraction;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Copies parts into one exactly sized array. */
    private static final class Assembler {
        private final byte[] bytes;
        private int at;

        Assembler(byte[] bytes) {
            this.bytes = bytes;
        }

        Assembler add(byte[] part) {
            System.arraycopy(part, 0, bytes, at, part.length);
            at += part.length;
            return this;
        }

        Assembler add(char c) {
            bytes[at++] = (byte) c;
            return this;
        }

        /** The tail object as the end of "data" and of the message: ',' for its '{', '}' after its '}'. */
        Assembler addTail(ByteSink tail) {
            bytes[at++] = ',';
            System.arraycopy(tail.array(), 1, bytes, at, tail.size() - 1);
            at += tail.size() - 1;
            bytes[at++] = '}';
            return this;
        }
    }
}
