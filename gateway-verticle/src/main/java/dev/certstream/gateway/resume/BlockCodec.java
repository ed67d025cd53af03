package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.CertificateEnvelopeCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.nio.ByteBuffer;
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
    /**
     * Per thread, the direct buffers zlib works on (input, output), grown to the largest block seen. zlib
     * given heap arrays holds the GC locker for each call: at the ingest ceiling the writer held it so often
     * that an allocation elsewhere gave up waiting (OutOfMemoryError with a 256 MB heap mostly free).
     */
    private static final ThreadLocal<ByteBuffer[]> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuffer[2]);
    /**
     * Per thread, the direct buffer a block's raw form is built in; it grows to the largest block. A JDK
     * direct buffer underneath (not Netty's cleaner-less kind), so a thread's that is never released is freed
     * with the thread.
     */
    private static final ThreadLocal<ByteBuf> RAW = ThreadLocal.withInitial(
            () -> new UnpooledDirectByteBuf(UnpooledByteBufAllocator.DEFAULT, 256 * 1024, Integer.MAX_VALUE));
    /** A raw buffer grown past this (a block far above CERTSTREAM_REPLAY_BLOCK_BYTES) is let go after use. */
    private static final int MAX_KEPT_RAW = 8 << 20;

    private BlockCodec() {
    }

    /** About what an envelope takes in a block before compression. */
    static long estimate(CertificateEnvelope envelope) {
        return 128L + envelope.full().length() + envelope.lite().length() + envelope.domains().length()
                + envelope.logUrl().length() + 64L * envelope.facts().domains().size();
    }

    /** A block deflated, and its length before. */
    record Deflated(byte[] bytes, int rawLength) {
    }

    /**
     * The block's raw bytes (each envelope's wire form after its length), deflated. The raw form is built in
     * this thread's direct buffer, reused from block to block: a fresh heap buffer per block, grown by
     * copying, was 12 % of what the server allocated at the ingest ceiling, and zlib reads a direct one in place.
     */
    static Deflated deflate(List<CertificateEnvelope> entries) {
        ByteBuf scratch = RAW.get().clear();
        Buffer raw = BufferInternal.buffer(scratch);
        for (CertificateEnvelope envelope : entries) {
            int lengthAt = raw.length();
            raw.appendInt(0);
            CODEC.encodeToWire(raw, envelope);
            raw.setInt(lengthAt, raw.length() - lengthAt - 4);
        }
        int rawLength = scratch.writerIndex();
        ByteBuffer in = scratch.nioBuffer(0, rawLength);
        // Raw deflate adds at most 5 bytes per 16 KB stored block, and a few more at the end.
        ByteBuffer out = scratch(1, rawLength + rawLength / 64 + 1024);
        Deflater deflater = new Deflater(LEVEL, true);
        try {
            deflater.setInput(in);
            deflater.finish();
            while (!deflater.finished()) {
                if (!out.hasRemaining()) {
                    throw new IllegalStateException("a replay block of " + rawLength + " bytes did not deflate within "
                            + out.capacity());
                }
                deflater.deflate(out);
            }
            out.flip();
            byte[] compressed = new byte[out.remaining()];
            out.get(compressed);
            return new Deflated(compressed, rawLength);
        } finally {
            deflater.end();
            if (scratch.capacity() > MAX_KEPT_RAW) {
                RAW.remove(); // an outsized block's buffer is not kept for the next ones
                scratch.release();
            }
        }
    }

    static Buffer inflate(byte[] compressed, int rawLength) {
        ByteBuffer in = scratch(0, compressed.length);
        in.put(compressed).flip();
        ByteBuffer out = scratch(1, rawLength);
        out.limit(rawLength);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(in);
            while (out.hasRemaining() && !inflater.finished()) {
                int n = inflater.inflate(out);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            if (out.position() != rawLength) {
                throw new IllegalStateException("replay block inflated to " + out.position() + " bytes, not " + rawLength);
            }
            out.flip();
            byte[] raw = new byte[rawLength];
            out.get(raw);
            // Wrapped, not copied: the decoded envelopes' renderings are slices of it.
            return BufferInternal.buffer(Unpooled.wrappedBuffer(raw));
        } catch (DataFormatException e) {
            throw new IllegalStateException("replay block does not inflate: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** This thread's direct buffer in {@code slot}, cleared, with room for at least {@code capacity} bytes. */
    private static ByteBuffer scratch(int slot, int capacity) {
        ByteBuffer[] mine = SCRATCH.get();
        if (mine[slot] == null || mine[slot].capacity() < capacity) {
            mine[slot] = ByteBuffer.allocateDirect(Math.max(capacity, 64 * 1024));
        }
        return mine[slot].clear();
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
