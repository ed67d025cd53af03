package dev.certstream.gateway.stream;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.resume.PendingGaps;
import dev.certstream.gateway.resume.ResumeMessages;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * The write side of one client: writes straight to the connection while Netty accepts more, queues in a
 * bounded {@link OutboundQueue} (dropping the oldest) while it does not, flushes again on drain, and, for
 * a client that asked ({@code gaps} not null), tells each dropped range before anything written after it.
 * Only the connection's event loop calls it; {@code /stats} reads the volatile figures from other threads.
 */
final class SessionOutput {

    private final ClientTransport transport;
    private final StreamKind kind;
    private final OutboundQueue queue;
    private final ClientRegistry registry;
    private final StreamMeters meters;
    private final PendingGaps gaps;
    private volatile long dropped;
    private volatile int queued;
    private volatile long queuedBytes;
    private boolean closing;
    private Runnable whenWritable;

    SessionOutput(ClientTransport transport, StreamKind kind, OutboundQueue queue, ClientRegistry registry,
                  StreamMeters meters, boolean tellsGaps) {
        this.transport = transport;
        this.kind = kind;
        this.queue = queue;
        this.registry = registry;
        this.meters = meters;
        this.gaps = tellsGaps ? new PendingGaps() : null;
    }

    boolean tellsGaps() {
        return gaps != null;
    }

    boolean closing() {
        return closing;
    }

    long dropped() {
        return dropped;
    }

    int queued() {
        return queued;
    }

    long queuedBytes() {
        return queuedBytes;
    }

    /** Sends bytes now if the connection takes them, else queues them, dropping the oldest past the bounds. */
    void write(Buffer bytes, CertificateEnvelope certificate) {
        if (closing) {
            return;
        }
        if (queue.isEmpty() && !connectionFull()) {
            tellGaps();
            transport.write(bytes);
            return;
        }
        // A certificate's own rendering is a slice of the envelope's array and keeps all of it alive.
        int retained = certificate != null && bytes == certificate.rendering(kind) ? certificate.retainedBytes()
                : bytes.length();
        int droppedNow = queue.offer(bytes, retained, certificate,
                gaps == null ? null : e -> gaps.dropped(e.logUrl(), e.index()));
        if (droppedNow > 0) {
            dropped += droppedNow;
            registry.dropped(kind, droppedNow);
            meters.dropped(kind, droppedNow);
        }
        queued = queue.size();
        queuedBytes = queue.bytes();
    }

    /**
     * Writes the longest head of a run of ready frames that the connection takes now, as Netty's buffer would
     * take them one by one: while it is below its high-water mark (so one write never holds more than that
     * plus one message per socket, however long the window). {@code ends}: where each of the run's frames
     * ends. Nothing is written while messages are queued. Gaps not told yet go first. Returns how many of the
     * run's messages went; the rest are the caller's to send one by one. {@code run} stays the caller's. A
     * run that fills the connection is sent at once (see {@link TextFrames#flushNow}).
     */
    int writeRun(ByteBuf run, int[] ends) {
        if (closing || !queue.isEmpty() || connectionFull()) {
            return 0;
        }
        long room = transport.framesRoom();
        int count = 0;
        while (count < ends.length && (count == 0 || ends[count - 1] < room)) {
            count++;
        }
        if (count == 0 || room <= 0) {
            return 0;
        }
        int bytes = ends[count - 1];
        tellGaps();
        ByteBuf mine = count == ends.length ? run.retainedDuplicate() : run.retainedSlice(run.readerIndex(), bytes);
        if (!transport.writeFrames(mine, bytes >= room)) {
            mine.release();
            return 0;
        }
        registry.wroteRun(count);
        return count;
    }

    /** A certificate never sent (the gateway shed it): counted, and a gap to tell when {@code tell}. */
    void lost(CertificateEnvelope envelope, boolean tell) {
        dropped++;
        if (gaps != null && tell) {
            gaps.dropped(envelope.logUrl(), envelope.index());
        }
    }

    /** Writes the dropped ranges not told yet: before anything queued after them reaches the client. */
    private void tellGaps() {
        if (gaps != null && !gaps.isEmpty()) {
            gaps.drain((log, from, to, messages) -> {
                meters.gap(ResumeMessages.DROPPED, to - from + 1, true);
                transport.write(transport.frame(ResumeMessages.gap(log, from, to, ResumeMessages.DROPPED, messages), null));
            });
        }
    }

    /** Runs {@code next} once everything queued went to the connection (replays read on at that pace). */
    void whenWritable(Runnable next) {
        if (closing) {
            return;
        }
        if (queue.isEmpty() && !connectionFull()) {
            next.run();
        } else {
            whenWritable = next;
        }
    }

    void flush() {
        while (!closing && !queue.isEmpty() && !connectionFull()) {
            tellGaps();
            transport.write(queue.poll());
        }
        queued = queue.size();
        queuedBytes = queue.bytes();
        if (whenWritable != null && !closing && queue.isEmpty() && !connectionFull()) {
            Runnable next = whenWritable;
            whenWritable = null;
            next.run();
        }
    }

    /** Whether Netty's buffer for this connection is full; one whose close has begun counts as full. */
    private boolean connectionFull() {
        try {
            return transport.writeQueueFull();
        } catch (IllegalStateException closedMeanwhile) {
            // The client's close arrived before our close handler ran: stop writing.
            closing = true;
            return true;
        }
    }

    /** The connection closed or is closing: forget everything queued. */
    void closed() {
        closing = true;
        queue.clear();
        queued = 0;
        queuedBytes = 0;
        whenWritable = null;
        if (gaps != null) {
            gaps.clear();
        }
    }
}
