package dev.certstream.gateway.stream;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.resume.ResumeMessages;
import dev.certstream.gateway.resume.StreamPosition;
import io.netty.buffer.ByteBuf;
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

    /**
     * A certificate: the envelope's rendering, or an SSE event around it whose id is the cursor of the
     * position just after it. Framed while the fan-out that made it runs (the position moves on afterwards).
     */
    static final class Certificate extends Outgoing {
        private final CertificateEnvelope envelope;
        private final int logId;
        private final StreamPosition position;
        private Map<StreamKind, Buffer> events;
        private Map<StreamKind, Buffer> withCursors;
        /** Per stream, the websocket frame built for batched writes ({@link #frame}); released by {@link #release}. */
        private ByteBuf[] frames;

        /** @param position the position of the stream it is part of, already past this certificate */
        Certificate(CertificateEnvelope envelope, int logId, StreamPosition position) {
            this.envelope = envelope;
            this.logId = logId;
            this.position = position;
        }

        CertificateEnvelope envelope() {
            return envelope;
        }

        int logId() {
            return logId;
        }

        @Override
        Buffer webSocket(StreamKind kind) {
            return envelope.rendering(kind);
        }

        /** The websocket message with the position after it as its {@code cursor} field (clients that asked). */
        Buffer withCursor(StreamKind kind) {
            if (withCursors == null) {
                withCursors = new EnumMap<>(StreamKind.class);
            }
            return withCursors.computeIfAbsent(kind, k -> ResumeMessages.withCursor(envelope.rendering(k), position.encoded()));
        }

        /**
         * The stream's message as one complete websocket frame in a direct buffer, built on first use and
         * shared by every batch that carries it; this message holds one reference until {@link #release}.
         */
        ByteBuf frame(StreamKind kind) {
            if (frames == null) {
                frames = new ByteBuf[StreamKind.values().length];
            }
            ByteBuf frame = frames[kind.ordinal()];
            if (frame == null) {
                frame = TextFrames.encode(envelope.rendering(kind));
                frames[kind.ordinal()] = frame;
            }
            return frame;
        }

        /** Whether {@link #frame} was built for {@code kind} already. */
        boolean hasFrame(StreamKind kind) {
            return frames != null && frames[kind.ordinal()] != null;
        }

        /** Gives back the frames this message built: the batches written with them hold their own references. */
        void release() {
            if (frames != null) {
                for (ByteBuf frame : frames) {
                    if (frame != null) {
                        frame.release();
                    }
                }
                frames = null;
            }
        }

        /** The cursor of the position just after this certificate. */
        String cursor() {
            return position.encoded();
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
            return events.computeIfAbsent(kind, k -> SseEvents.event(envelope.rendering(k), position.encoded()));
        }
    }

    /** The same bytes for every stream of one transport, nothing (null) for the other (heartbeats, cursors). */
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
