package dev.certstream.gateway.stream;

import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One socket's pending messages, bounded in count and bytes; when full it drops the oldest, because the
 * freshest certificates matter most to a monitor. Holds references to shared buffers, never copies; a
 * certificate's message is queued with its envelope so a dropped one can be told as a gap.
 * Not thread-safe: the socket's event loop owns it.
 */
final class OutboundQueue {

    /** Stands for "not a certificate" beside a queued message (the deque holds no nulls). */
    private static final Object NONE = new Object();

    private final ArrayDeque<Buffer> messages = new ArrayDeque<>();
    private final ArrayDeque<Object> envelopes = new ArrayDeque<>();
    private final int maxMessages;
    private final long maxBytes;
    private long bytes;

    OutboundQueue(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Appends a message that is not a certificate and returns how many messages were dropped to stay within bounds. */
    int offer(Buffer message) {
        return offer(message, null, null);
    }

    /**
     * Appends a message and returns how many messages were dropped to stay within bounds; each dropped
     * certificate's envelope goes to {@code droppedCertificate} (when not null).
     */
    int offer(Buffer message, CertificateEnvelope envelope, Consumer<CertificateEnvelope> droppedCertificate) {
        messages.addLast(message);
        envelopes.addLast(envelope == null ? NONE : envelope);
        bytes += message.length();
        int dropped = 0;
        while (messages.size() > maxMessages || bytes > maxBytes) {
            bytes -= messages.removeFirst().length();
            Object gone = envelopes.removeFirst();
            if (gone != NONE && droppedCertificate != null) {
                droppedCertificate.accept((CertificateEnvelope) gone);
            }
            dropped++;
        }
        return dropped;
    }

    /** The oldest message, removed, or null when empty. */
    Buffer poll() {
        Buffer message = messages.pollFirst();
        if (message != null) {
            envelopes.pollFirst();
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
        envelopes.clear();
        bytes = 0;
    }
}
