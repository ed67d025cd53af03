package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.CertificateEnvelopeCodec;
import dev.certstream.contract.StreamKind;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Picks a resuming client's entries out of one block's, off the event loop. */
final class ReplaySelection {

    private static final CertificateEnvelopeCodec CODEC = new CertificateEnvelopeCodec();

    private ReplaySelection() {
    }

    /**
     * @param entries  the block's entries, the first with sequence number {@code firstSeq}
     * @param rawBytes the size of the inflated block the entries are slices of (0: they are not)
     */
    static ReplayChunk select(List<CertificateEnvelope> entries, long firstSeq, long fromSeq, Cursor position,
                              Predicate<CertificateEnvelope> wanted, int maxEntries, long maxBytes, StreamKind kind,
                              int rawBytes) {
        List<CertificateEnvelope> chosen = new ArrayList<>();
        StreamPosition passed = new StreamPosition();
        long bytes = 0;
        long seq = fromSeq;
        for (int i = (int) (fromSeq - firstSeq); i < entries.size(); i++) {
            CertificateEnvelope envelope = entries.get(i);
            seq = firstSeq + i + 1;
            int logId = LogIds.of(envelope.logUrl());
            if (position.covers(logId, envelope.index())) {
                continue;
            }
            passed.advance(logId, envelope.index());
            if (wanted.test(envelope)) {
                chosen.add(envelope);
                bytes += envelope.rendering(kind).length();
                if (chosen.size() >= maxEntries || bytes >= maxBytes) {
                    break;
                }
            }
        }
        if (rawBytes > 0 && bytes < rawBytes / 4) {
            // A few entries of a large block: copy them so the client's queue does not keep the whole block alive.
            chosen.replaceAll(ReplaySelection::compact);
        }
        return new ReplayChunk(chosen, passed, seq, false);
    }

    private static CertificateEnvelope compact(CertificateEnvelope envelope) {
        Buffer wire = Buffer.buffer();
        CODEC.encodeToWire(wire, envelope);
        return CODEC.decodeFromWire(0, wire);
    }
}
