package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A block deflates and reads back whole, also when the writer's reused buffer was grown, let go and made anew. */
class BlockCodecTest {

    @Test
    void blocksRoundTripAcrossAnOutsizedOneAndTheReusedBufferAfterIt() {
        List<List<CertificateEnvelope>> blocks = List.of(block(0, 20), block(20, 700), block(720, 20), block(740, 3));
        for (List<CertificateEnvelope> entries : blocks) {
            BlockCodec.Deflated deflated = BlockCodec.deflate(entries);
            List<CertificateEnvelope> back = BlockCodec.decode(BlockCodec.inflate(deflated.bytes(), deflated.rawLength()),
                    entries.size());
            assertEquals(entries.stream().map(ReplayEnvelopes::key).toList(), back.stream().map(ReplayEnvelopes::key).toList());
            for (int i = 0; i < entries.size(); i++) {
                assertEquals(entries.get(i).full(), back.get(i).full(), "full rendering of entry " + i);
            }
        }
    }

    /** {@code count} envelopes of ~20 KB each: 700 of them (~14 MB) outgrow the buffer the writer keeps. */
    private static List<CertificateEnvelope> block(long from, int count) {
        List<CertificateEnvelope> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(ReplayEnvelopes.of(ReplayEnvelopes.LOG_A, from + i, 10_000));
        }
        return entries;
    }
}
