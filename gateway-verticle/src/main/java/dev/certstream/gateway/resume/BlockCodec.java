package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.CertificateEnvelopeCodec;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A block of the replay buffer on disk: its envelopes in the bus codec's wire form, each after its length,
 * deflated as one run. The certificate chain JSON and the lite copy of each full message repeat within
 * deflate's 32 KB window, so a block shrinks several times (see the README's figures).
 */
final class BlockCodec {

    private static final CertificateEnvelopeCodec CODEC = new CertificateEnvelopeCodec();
    /** Level 1: most of level 6's gain on this data (repeats, not entropy) at a fraction of its CPU. */
    static final int LEVEL = Deflater.BEST_SPEED;

    private BlockCodec() {
    }

    /** About what an envelope takes in a block before compression. */
    static long estimate(CertificateEnvelope envelope) {
        return 128L + envelope.full().length() + envelope.lite().length() + envelope.domains().length()
                + envelope.logUrl().length() + 64L * envelope.facts().domains().size();
    }

    /** The block's raw bytes: each envelope's wire form after its length. */
    static Buffer encode(List<CertificateEnvelope> entries) {
        Buffer raw = Buffer.buffer(entries.size() * 8192);
        for (CertificateEnvelope envelope : entries) {
            int lengthAt = raw.length();
            raw.appendInt(0);
            CODEC.encodeToWire(raw, envelope);
            raw.setInt(lengthAt, raw.length() - lengthAt - 4);
        }
        return raw;
    }

    static byte[] deflate(Buffer raw) {
        Deflater deflater = new Deflater(LEVEL, true);
        try {
            deflater.setInput(raw.getBytes());
            deflater.finish();
            byte[] out = new byte[Math.max(64, raw.length() / 3)];
            int length = 0;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            return java.util.Arrays.copyOf(out, length);
        } finally {
            deflater.end();
        }
    }

    static Buffer inflate(byte[] compressed, int rawLength) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            byte[] raw = new byte[rawLength];
            int length = 0;
            while (length < rawLength && !inflater.finished()) {
                int n = inflater.inflate(raw, length, rawLength - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                length += n;
            }
            if (length != rawLength) {
                throw new IllegalStateException("replay block inflated to " + length + " bytes, not " + rawLength);
            }
            // Wrapped, not copied: the decoded envelopes' renderings are slices of it.
            return io.vertx.core.internal.buffer.BufferInternal.buffer(io.netty.buffer.Unpooled.wrappedBuffer(raw));
        } catch (DataFormatException e) {
            throw new IllegalStateException("replay block does not inflate: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** The envelopes of a raw block, their renderings slices of it. */
    static List<CertificateEnvelope> decode(Buffer raw, int count) {
        List<CertificateEnvelope> entries = new ArrayList<>(count);
        int at = 0;
        while (at < raw.length()) {
            int length = raw.getInt(at);
            entries.add(CODEC.decodeFromWire(at + 4, raw));
            at += 4 + length;
        }
        if (entries.size() != count) {
            throw new IllegalStateException("replay block holds " + entries.size() + " entries, not " + count);
        }
        return entries;
    }
}
