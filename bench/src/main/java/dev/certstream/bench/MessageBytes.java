package dev.certstream.bench;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A received message's bytes as an array slice, for {@link MessageScanner}: a received websocket message is a
 * heap buffer, so its array is read in place. Scanning through {@link Buffer#getByte} (an interface call and
 * two bounds checks per byte) made the load tool's own scanning 90 % of its CPU, so at 50,000 messages/s it
 * queued messages behind itself and its lag figures measured the tool as much as the server.
 */
final class MessageBytes {

    private final byte[] bytes;
    private final int offset;
    private final int length;

    private MessageBytes(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** The message's bytes in place when it has an array, else copied once. */
    static MessageBytes of(Buffer message) {
        if (message instanceof BufferInternal internal) {
            ByteBuf buf = internal.getByteBuf();
            if (buf.hasArray()) {
                return new MessageBytes(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
            }
        }
        byte[] copy = message.getBytes();
        return new MessageBytes(copy, 0, copy.length);
    }

    int length() {
        return length;
    }

    /** The byte at {@code index} (0 ≤ index < length). */
    byte at(int index) {
        return bytes[offset + index];
    }
}
