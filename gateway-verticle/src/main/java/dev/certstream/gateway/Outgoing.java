package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import io.vertx.core.buffer.Buffer;

import java.util.EnumMap;
import java.util.Map;

/**
 * One message as each transport sends it, built once per fan-out and shared by every socket: websocket
 * clients get the ready JSON; SSE clients get it framed as an event, framed once per stream for all of them.
 */
abstract class Outgoing {

    /** The bytes of this message for a websocket client of the stream, or null when it has none for them. */
    abstract Buffer webSocket(StreamKind kind);

    /** The bytes of this message for an SSE client of the stream, or null when it has none for them. */
    abstract Buffer sse(StreamKind kind);

    /** The bytes that queueing {@code picked} (one of this message's forms) keeps alive. */
    int retained(Buffer picked) {
        return picked.length();
    }

    /** A certificate: the envelope's rendering, or an SSE event with its id around it. */
    static final class Certificate extends Outgoing {
        private final CertificateEnvelope envelope;
        private Map<StreamKind, Buffer> events;

        Certificate(CertificateEnvelope envelope) {
            this.envelope = envelope;
        }

        @Override
        Buffer webSocket(StreamKind kind) {
            return envelope.rendering(kind);
        }

        /** A websocket form is a slice of the envelope's one array and holds all of it; an SSE event is its own. */
        @Override
        int retained(Buffer picked) {
            return picked == envelope.full() || picked == envelope.lite() || picked == envelope.domains()
                    ? envelope.retainedBytes() : picked.length();
        }

        @Override
        Buffer sse(StreamKind kind) {
            if (events == null) {
                events = new EnumMap<>(StreamKind.class);
            }
            return events.computeIfAbsent(kind, k -> SseEvents.event(envelope, k));
        }
    }

    /** The same bytes for every stream of one transport, nothing for the other (heartbeats). */
    static final class Fixed extends Outgoing {
        private final Buffer webSocket;
        private final Buffer sse;

        Fixed(Buffer webSocket, Buffer sse) {
            this.webSocket = webSocket;
            this.sse = sse;
        }

        @Override
        Buffer webSocket(StreamKind kind) {
            return webSocket;
        }

        @Override
        Buffer sse(StreamKind kind) {
            return sse;
        }
    }
}
