package dev.certstream.contract;

import dev.certstream.render.Renderings;
import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.render.ct.EntryType;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** An envelope made from renderings shares their one array: three slices, no copy, the same bytes. */
class CertificateEnvelopeSlicesTest {

    private static final String FULL = "{\"message_type\":\"certificate_update\",\"verified\":false,\"full\":\"é\"}";
    private static final String LITE = "{\"message_type\":\"certificate_update\",\"verified\":false}";
    private static final String DOMAINS = "{\"message_type\":\"dns_entries\",\"data\":[\"a.example\"]}";
    private static final byte[] SHA = new byte[32];

    private static Renderings renderings() {
        byte[] full = FULL.getBytes(StandardCharsets.UTF_8);
        byte[] lite = LITE.getBytes(StandardCharsets.UTF_8);
        byte[] domains = DOMAINS.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[full.length + lite.length + domains.length];
        System.arraycopy(full, 0, all, 0, full.length);
        System.arraycopy(lite, 0, all, full.length, lite.length);
        System.arraycopy(domains, 0, all, full.length + lite.length, domains.length);
        return new Renderings(all, full.length, full.length + lite.length, List.of("a.example"), "Org", "CN", SHA,
                FULL.indexOf("false"), LITE.indexOf("false"));
    }

    private static CertificateEnvelope envelope(Renderings r) {
        DecodedEntry entry = new DecodedEntry(42, 1_700_000_000_123L, EntryType.PRECERT, new byte[] {1}, List.of(), "link");
        return CertificateEnvelope.of("https://ct.example/log/", "Operator", entry, 7L, r);
    }

    private static ByteBuf byteBuf(Buffer buffer) {
        return ((BufferInternal) buffer).getByteBuf();
    }

    @Test
    void theThreeMessagesAreSlicesOfTheRenderingsArray() {
        Renderings r = renderings();
        CertificateEnvelope envelope = envelope(r);
        assertSame(r.bytes(), byteBuf(envelope.full()).array());
        assertSame(r.bytes(), byteBuf(envelope.lite()).array());
        assertSame(r.bytes(), byteBuf(envelope.domains()).array());
        assertEquals(0, byteBuf(envelope.full()).arrayOffset() + byteBuf(envelope.full()).readerIndex());
        assertEquals(r.liteFrom(), byteBuf(envelope.lite()).arrayOffset() + byteBuf(envelope.lite()).readerIndex());
        assertEquals(r.domainsFrom(), byteBuf(envelope.domains()).arrayOffset()
                + byteBuf(envelope.domains()).readerIndex());
        // What is shared is seen through every slice: nothing was copied.
        r.bytes()[r.liteFrom()] = '[';
        assertEquals('[', envelope.lite().getByte(0));
    }

    @Test
    void theBytesAreThoseOfTheOldSeparateBuffers() {
        Renderings r = renderings();
        CertificateEnvelope envelope = envelope(r);
        // The watcher used to wrap each message with Buffer.buffer(byte[]), a copy each.
        assertEquals(Buffer.buffer(r.full()), envelope.full());
        assertEquals(Buffer.buffer(r.lite()), envelope.lite());
        assertEquals(Buffer.buffer(r.domains()), envelope.domains());
        assertEquals(FULL, envelope.full().toString());
        assertEquals(LITE, envelope.rendering(StreamKind.LITE).toString());
        assertEquals(DOMAINS, envelope.domains().toString());
    }

    @Test
    void markingVerifiedAfterwardsShowsThroughTheSlices() {
        Renderings r = renderings();
        CertificateEnvelope envelope = envelope(r);
        r.markVerified();
        assertEquals(FULL.replace("false", " true"), envelope.full().toString());
        assertEquals(LITE.replace("false", " true"), envelope.lite().toString());
        assertEquals(DOMAINS, envelope.domains().toString());
    }

    @Test
    void theFactsComeFromTheEntryAndTheRenderings() {
        CertificateEnvelope envelope = envelope(renderings());
        assertEquals(42, envelope.index());
        assertEquals(EntryType.PRECERT, envelope.entryType());
        assertEquals(7L, envelope.seenMicros());
        EntryFacts facts = envelope.facts();
        assertEquals("Operator", facts.logOperator());
        assertEquals(1_700_000_000_123L, facts.timestampMs());
        assertEquals(List.of("a.example"), facts.domains());
        assertEquals("Org", facts.issuerOrganization());
        assertEquals("CN", facts.issuerCommonName());
        assertArrayEquals(SHA, facts.leafSha256());
    }

    @Test
    void slicesTravelTheWireUnchanged() {
        CertificateEnvelope sent = envelope(renderings());
        CertificateEnvelopeCodec codec = new CertificateEnvelopeCodec();
        Buffer wire = Buffer.buffer();
        codec.encodeToWire(wire, sent);
        CertificateEnvelope got = codec.decodeFromWire(0, wire);
        assertEquals(sent.full(), got.full());
        assertEquals(sent.lite(), got.lite());
        assertEquals(sent.domains(), got.domains());
        assertEquals(sent.facts().domains(), got.facts().domains());
        assertArrayEquals(sent.facts().leafSha256(), got.facts().leafSha256());
    }
}
