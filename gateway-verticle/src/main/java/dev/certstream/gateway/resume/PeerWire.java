package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.CertificateEnvelopeCodec;
import dev.certstream.contract.StreamKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reply of a peer gateway (see {@code BusAddresses.GATEWAY_REPLAY_PREFIX}): a JSON header with where to
 * ask next and what the peer held, then the entries, each carrying only the asked stream's rendering.
 */
final class PeerWire {

    private static final CertificateEnvelopeCodec CODEC = new CertificateEnvelopeCodec();
    private static final Buffer EMPTY = Buffer.buffer();

    private PeerWire() {
    }

    static Buffer encode(List<CertificateEnvelope> entries, StreamKind kind, Map<String, Long> next,
                         Map<String, Long> heldFrom) {
        Buffer header = new JsonObject().put("next", new JsonObject(new HashMap<>(next)))
                .put("held_from", new JsonObject(new HashMap<>(heldFrom))).toBuffer();
        Buffer out = Buffer.buffer().appendInt(header.length()).appendBuffer(header);
        for (CertificateEnvelope e : entries) {
            CertificateEnvelope only = new CertificateEnvelope(e.logUrl(), e.index(), e.entryType(), e.seenMicros(),
                    e.facts(), kind == StreamKind.FULL ? e.full() : EMPTY, kind == StreamKind.LITE ? e.lite() : EMPTY,
                    kind == StreamKind.DOMAINS ? e.domains() : EMPTY);
            int lengthAt = out.length();
            out.appendInt(0);
            CODEC.encodeToWire(out, only);
            out.setInt(lengthAt, out.length() - lengthAt - 4);
        }
        return out;
    }

    static PeerChunk decode(Buffer reply) {
        int headerLength = reply.getInt(0);
        JsonObject header = new JsonObject(reply.slice(4, 4 + headerLength));
        List<CertificateEnvelope> entries = new ArrayList<>();
        for (int at = 4 + headerLength; at < reply.length(); ) {
            int length = reply.getInt(at);
            entries.add(CODEC.decodeFromWire(at + 4, reply));
            at += 4 + length;
        }
        return new PeerChunk(entries, longs(header.getJsonObject("next")), longs(header.getJsonObject("held_from")));
    }

    private static Map<String, Long> longs(JsonObject json) {
        Map<String, Long> map = new HashMap<>();
        if (json != null) {
            json.forEach(e -> map.put(e.getKey(), ((Number) e.getValue()).longValue()));
        }
        return map;
    }
}
