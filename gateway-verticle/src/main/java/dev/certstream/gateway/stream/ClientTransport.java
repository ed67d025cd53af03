package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * How a {@link ClientSession} reaches its client: a websocket or an SSE response. The session keeps the
 * queue and drop policy; the transport picks its form of each message and writes it.
 */
public interface ClientTransport {

    /** Installs the drain, liveness, error and close handlers; {@code onClosed} runs once when the connection ends. */
    void bind(ClientSession session, Runnable onClosed);

    /** This transport's bytes of a message, or null when it carries nothing for this transport. */
    Buffer pick(Outgoing message, StreamKind kind);

    /** One JSON message of this client only, framed for this transport; {@code id} is its SSE id (null: none). */
    Buffer frame(Buffer json, String id);

    /** Whether the client reads an event stream (whose ids are cursors), not websocket frames. */
    boolean eventStream();

    void write(Buffer bytes);

    /** Whether {@link #writeFrames} can take ready websocket frames (plain websocket clients). */
    default boolean writesFrames() {
        return false;
    }

    /** Bytes of ready frames {@link #writeFrames} would take now before the connection counts as full (0: none). */
    default long framesRoom() {
        return 0;
    }

    /**
     * Writes ready websocket frames (one or many, taking over the reference) when the connection has room
     * now; false (nothing written, the reference still the caller's) otherwise. {@code fills}: they fill
     * the connection, so they are sent at once rather than with the window's consolidated flush.
     */
    default boolean writeFrames(ByteBuf frames, boolean fills) {
        return false;
    }

    /** Whether the connection's buffer is full; throws IllegalStateException once the connection is closed. */
    boolean writeQueueFull();

    /**
     * Called on every ping period: a websocket sends a ping (its client's frames prove liveness); an SSE
     * response has no pings, so it returns true when its buffer drains (its client reads), else false.
     */
    boolean pingOrProbe();

    void close(short code, String reason);

    /** The route as /stats and logs name it. */
    String route();

    /** "websocket" or "sse". */
    String name();

    String remote();
}
