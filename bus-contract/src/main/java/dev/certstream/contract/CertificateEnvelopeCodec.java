package dev.certstream.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.nio.charset.StandardCharsets;

/**
 * Wire form of {@link CertificateEnvelope}: a versioned header, then the three renderings as
 * length-prefixed byte runs that the receiver slices without copying.
 */
public final class CertificateEnvelopeCodec implements MessageCodec<CertificateEnvelope, CertificateEnvelope> {

    /** Bumped whenever the layout changes, so a mixed-version cluster fails loudly instead of misreading. */
    static final byte WIRE_VERSION = 1;

    @Override
    public void encodeToWire(Buffer buffer, CertificateEnvelope envelope) {
        byte[] url = envelope.logUrl().getBytes(StandardCharsets.UTF_8);
        buffer.appendByte(WIRE_VERSION)
                .appendInt(url.length).appendBytes(url)
                .appendLong(envelope.index())
                .appendByte((byte) envelope.entryType().ordinal())
                .appendLong(envelope.seenMicros());
        appendRun(buffer, envelope.full());
        appendRun(buffer, envelope.lite());
        appendRun(buffer, envelope.domains());
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
        Buffer[] runs = new Buffer[3];
        for (int i = 0; i < runs.length; i++) {
            int length = buffer.getInt(at);
            at += 4;
            runs[i] = buffer.slice(at, at + length);
            at += length;
        }
        return new CertificateEnvelope(url, index, type, seenMicros, runs[0], runs[1], runs[2]);
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
}
