package dev.certstream.gateway.stream;

import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One socket's pending messages, bounded in count and bytes; when full it drops the oldest, because the
 * freshest certificates matter most to a monitor. Holds references to shared buffers, never copies. The
 * byte bound counts what a message keeps alive, not its own length: a certificate's three messages are
 * slices of one array, so a queued lite message of ~2 KB holds its ~9 KB array (README, "Memory budget").
 * A certificate's message is queued with its envelope so that a dropped one can be told as a gap.
 * Not thread-safe: the socket's event loop owns it.
 */
final class OutboundQueue {

    /** A queued message, the bytes it keeps alive, and its certificate (null for other messages). */
    private record Queued(Buffer message, int retained, CertificateEnvelope envelope) {
    }

    private final ArrayDeque<Queued> messages = new ArrayDeque<>();
    private final int maxMessages;
    private final long maxBytes;
    private long bytes;

    OutboundQueue(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    /** Appends a message that is not a certificate and keeps only itself alive; returns how many were dropped. */
    int offer(Buffer message) {
        return offer(message, message.length(), null, null);
    }

    /** Appends a message that is not a certificate and keeps {@code retained} bytes alive; returns how many were dropped. */
    int offer(Buffer message, int retained) {
        return offer(message, retained, null, null);
    }

    /**
     * Appends a message and returns how many messages were dropped to stay within bounds; each dropped
     * certificate's envelope goes to {@code droppedCertificate} (when not null).
     *
     * @param retained the bytes the message keeps alive (at least its length: the array it is a slice of)
     */
    int offer(Buffer message, int retained, CertificateEnvelope envelope, Consumer<CertificateEnvelope> droppedCertificate) {
        Queued queued = new Queued(message, Math.max(retained, message.length()), envelope);
        messages.addLast(queued);
        bytes += queued.retained();
        int dropped = 0;
        while (messages.size() > maxMessages || bytes > maxBytes) {
            Queued gone = messages.removeFirst();
            bytes -= gone.retained();
            if (gone.envelope() != null && droppedCertificate != null) {
                droppedCertificate.accept(gone.envelope());
            }
            dropped++;
        }
        return dropped;
    }

    /** The oldest message, removed, or null when empty. */
    Buffer poll() {
        Queued queued = messages.pollFirst();
        if (queued == null) {
            return null;
        }
        bytes -= queued.retained();
        return queued.message();
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    int size() {
        return messages.size();
    }

    /** The bytes the queued messages keep alive. */
    long bytes() {
        return bytes;
    }

    /** Empties the queue (the socket closed) so the buffers can be collected. */
    void clear() {
        messages.clear();
        bytes = 0;
    }
}
