package dev.certstream.gateway.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

/**
 * Writes a ready UTF-8 buffer to a socket as one TEXT frame without copying it.
 * <p>
 * Vert.x 5.0 has no public text-frame-from-Buffer call: {@code writeFinalTextFrame(String)} copies and
 * re-encodes per socket (measured ~25-40% slower fan-out, toolchain notes section 3) and a binary frame
 * breaks browser clients. So this is the ONE place that uses internal API: a new
 * {@code WebSocketFrameImpl} per socket around {@code BufferInternal.getByteBuf()}, a zero-copy slice
 * with its own reader index (one frame object must never be written to two sockets). The class moves to
 * {@code io.vertx.core.http.impl.websocket} in Vert.x 5.1; if it fails at run time we fall back for good
 * to the public, copying call.
 */
public final class TextFrames {

    private static final Logger LOG = LoggerFactory.getLogger(TextFrames.class);

    private static volatile boolean zeroCopy = true;
    private static volatile boolean rawWrites = true;
    /**
     * Where shared frames come from: the allocator of the server's own connections (Vert.x gives them all one
     * pool), taken from the first connection seen, so the frames and the sockets' own buffers share one pool
     * instead of growing a second one beside it.
     */
    private static volatile ByteBufAllocator frameAllocator = ByteBufAllocator.DEFAULT;

    private TextFrames() {
    }

    static Future<Void> write(ServerWebSocket socket, Buffer payload) {
        if (zeroCopy) {
            WebSocketFrame frame;
            try {
                frame = Internal.textFrame(payload);
            } catch (LinkageError | RuntimeException e) {
                zeroCopy = false;
                LOG.warn("zero-copy text frames unavailable ({}); falling back to writeFinalTextFrame", e.toString());
                return socket.writeFinalTextFrame(payload.toString(StandardCharsets.UTF_8));
            }
            return socket.writeFrame(frame);
        }
        return socket.writeFinalTextFrame(payload.toString(StandardCharsets.UTF_8));
    }

    /**
     * One complete server text frame (final, unmasked: header and payload) in a direct buffer, built once and
     * written to many sockets as it is: direct, so Netty sends it without the per-socket copy a heap buffer
     * costs, and already framed, so no socket runs it through the frame encoder.
     */
    static ByteBuf encode(Buffer payload) {
        int length = payload.length();
        int header = length <= 125 ? 2 : length <= 0xffff ? 4 : 10;
        ByteBuf frame = frameAllocator.directBuffer(header + length);
        frame.writeByte(0x81); // FIN, text
        if (length <= 125) {
            frame.writeByte(length);
        } else if (length <= 0xffff) {
            frame.writeByte(126).writeShort(length);
        } else {
            frame.writeByte(127).writeLong(length);
        }
        frame.writeBytes(((io.vertx.core.internal.buffer.BufferInternal) payload).getByteBuf());
        return frame;
    }

    /**
     * The pipeline position Vert.x writes a websocket's frames from, for {@link #writeRaw}; null when the
     * internal API is missing (frames then go one by one). Vert.x Web hands routes a wrapper around the
     * socket, so that is unwrapped first.
     */
    static ChannelHandlerContext context(ServerWebSocket socket) {
        if (!rawWrites) {
            return null;
        }
        try {
            ChannelHandlerContext context = Internal.context(socket);
            frameAllocator = context.alloc();
            return context;
        } catch (LinkageError | ReflectiveOperationException | RuntimeException e) {
            rawWrites = false;
            LOG.warn("batched frame writes unavailable ({}); frames are written one by one", e.toString());
            return null;
        }
    }

    /** Bytes the connection at {@code context} takes before it counts as full; 0 when it is full or closed. */
    static long room(ServerWebSocket socket, ChannelHandlerContext context) {
        return context == null || socket.isClosed() ? 0 : context.channel().bytesBeforeUnwritable();
    }

    /**
     * Writes ready frames ({@link #encode}d, one or many after each other, in a duplicate the caller retained
     * for this socket) into the connection's pipeline at {@code context} ({@link #context}), past the frame
     * encoder, when Netty's buffer for it has room; Netty releases them once written (or failed). False, with
     * nothing written and the reference still the caller's, when the buffer is full or the socket closed: the
     * caller then writes frame by frame through Vert.x (whose write queue and drain handler keep the order and
     * the back-pressure). Writable means Vert.x's own queue is empty too (it drains as soon as the channel is
     * writable), so nothing written through Vert.x before is overtaken. {@code flushNow}: the frames fill the
     * connection ({@link #flushNow}). Only the connection's event loop calls it.
     */
    static boolean writeRaw(ServerWebSocket socket, ChannelHandlerContext context, ByteBuf frames,
                            boolean flushNow) {
        if (context == null || socket.isClosed() || !context.channel().isWritable()) {
            return false;
        }
        context.writeAndFlush(frames, context.newPromise());
        if (flushNow) {
            flushNow(context);
        }
        return true;
    }

    /**
     * Sends what was written at {@code context} now, past the flush consolidation (whose flush waits for the
     * end of the event-loop task): when a run fills the connection, the socket must start draining at once,
     * or what follows waits in the socket's queue behind bytes that are not even on their way.
     */
    static void flushNow(ChannelHandlerContext context) {
        ChannelHandlerContext consolidation =
                context.pipeline().context(FlushConsolidationHandler.class);
        (consolidation != null ? consolidation : context).flush();
    }

    /** Whether frames still go out without a copy (false after a fallback). */
    public static boolean zeroCopy() {
        return zeroCopy;
    }

    /** Its own class so that a missing internal class fails here, inside the try, not when loading TextFrames. */
    private static final class Internal {
        private static volatile Field wrapped;

        static ChannelHandlerContext context(ServerWebSocket socket) throws ReflectiveOperationException {
            ServerWebSocket unwrapped = socket;
            if (!(unwrapped instanceof io.vertx.core.internal.http.WebSocketInternal)) {
                Field field = wrapped;
                if (field == null) {
                    field = socket.getClass().getDeclaredField("delegate");
                    field.setAccessible(true);
                    wrapped = field;
                }
                unwrapped = (ServerWebSocket) field.get(socket);
            }
            return ((io.vertx.core.internal.http.WebSocketInternal) unwrapped).channelHandlerContext();
        }

        static WebSocketFrame textFrame(Buffer payload) {
            return new io.vertx.core.http.impl.ws.WebSocketFrameImpl(WebSocketFrameType.TEXT,
                    ((io.vertx.core.internal.buffer.BufferInternal) payload).getByteBuf(), true);
        }
    }
}
