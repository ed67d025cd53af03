package dev.certstream.contract;

import dev.certstream.render.ct.EntryType;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.nio.charset.StandardCharsets;

/**
 * Wire form of {@link CertificateEnvelope}: a versioned header, then the three renderings as
 * length-prefixed byte runs that the receiver slices without copying.
 */
public final class CertificateEnvelopeCodec implements MessageCodec<CertificateEnvelope, CertificateEnvelope> {

    /** Bumped whenever the layout changes, so a mixed-version cluster fails loudly instead of misreading. */
    static final byte WIRE_VERSION = 2;

    @Override
    public void encodeToWire(Buffer buffer, CertificateEnvelope envelope) {
        byte[] url = envelope.logUrl().getBytes(StandardCharsets.UTF_8);
        buffer.appendByte(WIRE_VERSION)
                .appendInt(url.length).appendBytes(url)
                .appendLong(envelope.index())
                .appendByte((byte) envelope.entryType().ordinal())
                .appendLong(envelope.seenMicros());
        appendFacts(buffer, envelope.facts());
        appendRun(buffer, envelope.full());
        appendRun(buffer, envelope.lite());
        appendRun(buffer, envelope.domains());
    }

    private static void appendFacts(Buffer buffer, EntryFacts facts) {
        appendString(buffer, facts.logOperator());
        buffer.appendLong(facts.timestampMs());
        buffer.appendInt(facts.domains().size());
        for (String domain : facts.domains()) {
            appendString(buffer, domain);
        }
        appendString(buffer, facts.issuerOrganization());
        appendString(buffer, facts.issuerCommonName());
        buffer.appendByte((byte) facts.leafSha256().length).appendBytes(facts.leafSha256());
        buffer.appendByte((byte) facts.issuanceId().length).appendBytes(facts.issuanceId());
    }

    /** A UTF-8 string with its length, -1 for null. */
    private static void appendString(Buffer buffer, String value) {
        if (value == null) {
            buffer.appendInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.appendInt(bytes.length).appendBytes(bytes);
    }

    private static void appendRun(Buffer buffer, Buffer run) {
        buffer.appendInt(run.length()).appendBuffer(run);
    }

    @Override
    public CertificateEnvelope decodeFromWire(int pos, Buffer buffer) {
        byte version = buffer.getByte(pos);
        if (version != WIRE_VERSION) {
            throw new IllegalStateException("certificate envelope wire version " + version
                    + " is not " + WIRE_VERSION + ": are all cluster members the same release?");
        }
        int at = pos + 1;
        int urlLength = buffer.getInt(at);
        at += 4;
        String url = buffer.getString(at, at + urlLength, "UTF-8");
        at += urlLength;
        long index = buffer.getLong(at);
        at += 8;
        EntryType type = EntryType.values()[buffer.getByte(at)];
        at += 1;
        long seenMicros = buffer.getLong(at);
        at += 8;
        Reader reader = new Reader(buffer, at);
        EntryFacts facts = reader.facts();
        at = reader.at;
        Buffer[] runs = new Buffer[3];
        for (int i = 0; i < runs.length; i++) {
            int length = buffer.getInt(at);
            at += 4;
            runs[i] = buffer.slice(at, at + length);
            at += length;
        }
        return new CertificateEnvelope(url, index, type, seenMicros, facts, runs[0], runs[1], runs[2]);
    }

    @Override
    public CertificateEnvelope transform(CertificateEnvelope envelope) {
        // Immutable by contract: local receivers share the same bytes.
        return envelope;
    }

    @Override
    public String name() {
        return "certstream-certificate-v" + WIRE_VERSION;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }

    /** Reads the facts header field by field, keeping its place. */
    private static final class Reader {
        private final Buffer buffer;
        private int at;

        Reader(Buffer buffer, int at) {
            this.buffer = buffer;
            this.at = at;
        }

        EntryFacts facts() {
            String operator = string();
            long timestampMs = buffer.getLong(at);
            at += 8;
            int count = buffer.getInt(at);
            at += 4;
            java.util.List<String> domains = new java.util.ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                domains.add(string());
            }
            String organization = string();
            String commonName = string();
            return new EntryFacts(operator, timestampMs, domains, organization, commonName, bytes(), bytes());
        }

        private String string() {
            int length = buffer.getInt(at);
            at += 4;
            if (length < 0) {
                return null;
            }
            String value = buffer.getString(at, at + length, "UTF-8");
            at += length;
            return value;
        }

        private byte[] bytes() {
            int length = buffer.getByte(at) & 0xff;
            at += 1;
            byte[] value = buffer.getBytes(at, at + length);
            at += length;
            return value;
        }
    }
}
