package dev.certstream.gateway;

import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;

/**
 * One socket's pending messages, bounded in count and bytes; when full it drops the oldest, because the
 * freshest certificates matter most to a monitor. Holds references to shared buffers, never copies.
 * Not thread-safe: the socket's event loop owns it.
 */
final class OutboundQueue {

    private final ArrayDeque<Buffer> messages = new ArrayDeque<>();
    private final int maxMessages;
    private final long maxBytes;
    private long bytes;

    OutboundQueue(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Appends a message and returns how many messages were dropped to stay within bounds. */
    int offer(Buffer message) {
        messages.addLast(message);
        bytes += message.length();
        int dropped = 0;
        while (messages.size() > maxMessages || bytes > maxBytes) {
            bytes -= messages.removeFirst().length();
            dropped++;
        }
        return dropped;
    }

    /** The oldest message, removed, or null when empty. */
    Buffer poll() {
        Buffer message = messages.pollFirst();
        if (message != null) {
            bytes -= message.length();
        }
        return message;
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    int size() {
        return messages.size();
    }

    long bytes() {
        return bytes;
    }

    /** Empties the queue (the socket closed) so the buffers can be collected. */
    void clear() {
        messages.clear();
        bytes = 0;
    }
}
