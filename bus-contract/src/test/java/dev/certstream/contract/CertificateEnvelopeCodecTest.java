package dev.certstream.contract;

import dev.certstream.render.ct.EntryType;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CertificateEnvelopeCodecTest {

    private final CertificateEnvelopeCodec codec = new CertificateEnvelopeCodec();

    private static CertificateEnvelope sample() {
        return new CertificateEnvelope("https://ct.example/log/é/", 1L << 40, EntryType.PRECERT, 1_700_000_000_123_456L,
                Buffer.buffer("{\"full\":true}"), Buffer.buffer("{\"lite\":1}"), Buffer.buffer(""));
    }

    @Test
    void roundTripsEveryFieldAfterAnOffset() {
        CertificateEnvelope sent = sample();
        Buffer wire = Buffer.buffer("prefix");
        codec.encodeToWire(wire, sent);
        CertificateEnvelope got = codec.decodeFromWire(6, wire);
        assertEquals(sent.logUrl(), got.logUrl());
        assertEquals(sent.index(), got.index());
        assertEquals(sent.entryType(), got.entryType());
        assertEquals(sent.seenMicros(), got.seenMicros());
        assertEquals(sent.full(), got.full());
        assertEquals(sent.lite(), got.lite());
        assertEquals(sent.domains(), got.domains());
        assertEquals(sent.rendering(StreamKind.LITE), got.rendering(StreamKind.LITE));
    }

    @Test
    void localDeliveryKeepsTheSameInstance() {
        CertificateEnvelope sent = sample();
        assertSame(sent, codec.transform(sent));
    }

    @Test
    void refusesAnotherWireVersion() {
        Buffer wire = Buffer.buffer();
        codec.encodeToWire(wire, sample());
        wire.setByte(0, (byte) 9);
        assertThrows(IllegalStateException.class, () -> codec.decodeFromWire(0, wire));
    }

    @Test
    void registeringTwiceIsHarmlessAndEnvelopesTravelLocally() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            CertificateEnvelope.registerCodec(vertx.eventBus());
            CertificateEnvelope.registerCodec(vertx.eventBus());
            java.util.concurrent.CompletableFuture<CertificateEnvelope> got = new java.util.concurrent.CompletableFuture<>();
            vertx.eventBus().<CertificateEnvelope>consumer("t", m -> got.complete(m.body()))
                    .completion().await();
            CertificateEnvelope sent = sample();
            vertx.eventBus().publish("t", sent);
            assertSame(sent, got.get(10, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            vertx.close().await();
        }
    }
}
