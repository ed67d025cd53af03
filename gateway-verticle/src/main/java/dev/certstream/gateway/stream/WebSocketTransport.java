package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A websocket client: zero-copy text frames ({@link TextFrames}), pings, and close frames with a status. */
public final class WebSocketTransport implements ClientTransport {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);
    private static final Buffer PING = Buffer.buffer();

    private final ServerWebSocket socket;
    private final StreamKind kind;
    private final String remote;
    /** Where ready frames are written in one go ({@link TextFrames#writeRaw}); null: one by one only. */
    private final ChannelHandlerContext frames;

    public WebSocketTransport(ServerWebSocket socket, StreamKind kind, int socketBufferBytes) {
        this.socket = socket;
        this.kind = kind;
        this.remote = String.valueOf(socket.remoteAddress());
        socket.setWriteQueueMaxSize(socketBufferBytes);
        this.frames = TextFrames.context(socket);
    }

    @Override
    public void bind(ClientSession session, Runnable onClosed) {
        socket.drainHandler(v -> session.flush());
        // Client frames carry nothing we use (some clients send a text "ping"); any frame proves liveness.
        socket.frameHandler(frame -> session.heard());
        socket.exceptionHandler(error -> onError(session, error));
        socket.closeHandler(v -> onClosed.run());
    }

    /**
     * Netty rejects a frame past {@code maxClientFrameBytes} with this exception and Vert.x then drops the
     * connection; sending the close frame with the status Netty chose (1009, too big) first tells the client
     * why instead of leaving it an abnormal 1006.
     */
    private void onError(ClientSession session, Throwable error) {
        if (error instanceof CorruptedWebSocketFrameException corrupt) {
            LOG.debug("closing client {} on {}: {}", remote, route(), corrupt.getMessage());
            session.close((short) corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
        } else {
            LOG.debug("websocket error, client {} on {}: {}", remote, route(), error.toString());
        }
    }

    @Override
    public Buffer pick(Outgoing message, StreamKind kind) {
        return message.webSocket(kind);
    }

    @Override
    public Buffer frame(Buffer json, String id) {
        return json;
    }

    @Override
    public boolean eventStream() {
        return false;
    }

    @Override
    public void write(Buffer bytes) {
        TextFrames.write(socket, bytes);
    }

    @Override
    public boolean writesFrames() {
        return frames != null;
    }

    @Override
    public long framesRoom() {
        return TextFrames.room(socket, frames);
    }

    @Override
    public boolean writeFrames(ByteBuf frames, boolean fills) {
        return TextFrames.writeRaw(socket, this.frames, frames, fills);
    }

    @Override
    public boolean writeQueueFull() {
        return socket.writeQueueFull();
    }

    @Override
    public boolean pingOrProbe() {
        socket.writePing(PING);
        return false;
    }

    @Override
    public void close(short code, String reason) {
        socket.close(code, reason);
    }

    @Override
    public String route() {
        return StreamNames.route(kind);
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public String remote() {
        return remote;
    }
}
