package dev.certstream.gateway.stream;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.resume.ResumeMessages;
import dev.certstream.gateway.resume.StreamPosition;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client, over a websocket or SSE, writing through its {@link SessionOutput}. It is either replaying
 * (its certificates come from a replay, at the replay's position) or live (from its {@link DeliverySource},
 * skipping what a replay already gave it: its floors). Only its connection's event loop calls it;
 * {@code /stats} reads the volatile figures from other threads.
 */
final class ClientSession {

    /** Close code for a client that answered no ping: it is gone as far as we can tell. */
    static final short CLOSE_GOING_AWAY = 1001;
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Subscription subscription;
    private final ClientTransport transport;
    private final SessionOutput output;
    private final StreamMeters meters;
    private final boolean cursors;
    /** A plain websocket client (no cursors): a fan-out window's certificates can go to it in one run. */
    private final boolean batchable;
    private final long openedNanos = System.nanoTime();
    private long lastHeardNanos = openedNanos;
    private boolean live;
    private DeliverySource source;
    /** Per log, the index below which live certificates were already given (by a replay, or a newer cursor). */
    private StreamPosition floors;
    private StreamPosition replayPosition;
    private String lastCursor;

    ClientSession(ClientTransport transport, Subscription subscription, int queueMessages, int queueBytes,
                  ClientRegistry registry, StreamMeters meters) {
        this.transport = transport;
        this.subscription = subscription;
        this.output = new SessionOutput(transport, subscription.kind(), new OutboundQueue(queueMessages, queueBytes),
                registry, meters, subscription.resume().gaps());
        this.meters = meters;
        this.cursors = subscription.resume().cursors();
        this.batchable = !cursors && transport.writesFrames();
    }

    boolean batchable() {
        return batchable;
    }

    /**
     * A fan-out window's certificates for this client's stream: run after run of shared frames while its
     * connection takes each whole (a live client without floors), the rest one by one.
     */
    void sendRuns(WindowRuns runs) {
        int next = 0;
        if (live && floors == null) {
            for (int i = 0; ; i++) {
                WindowRuns.Run run = runs.run(i);
                if (run == null) {
                    break;
                }
                int written = output.writeRun(run.frames(), run.ends());
                next = run.start() + written;
                if (written < run.ends().length) {
                    break;
                }
            }
        }
        List<Outgoing.Certificate> messages = runs.messages();
        for (int i = next; i < messages.size(); i++) {
            send(messages.get(i));
        }
    }

    StreamKind kind() {
        return subscription.kind();
    }

    Subscription subscription() {
        return subscription;
    }

    ClientTransport transport() {
        return transport;
    }

    long dropped() {
        return output.dropped();
    }

    /** Messages waiting in this socket's own queue (not Netty's). */
    int queued() {
        return output.queued();
    }

    /** Bytes those messages keep alive (whole certificate arrays, shared with other sockets: see OutboundQueue). */
    long queuedBytes() {
        return output.queuedBytes();
    }

    boolean closing() {
        return output.closing();
    }

    /** The client sent something (websocket frames, pongs): it is alive. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** While replaying, live certificates are not sent; the replay moves {@code position} on. */
    void replaying(StreamPosition position) {
        live = false;
        replayPosition = position;
    }

    /** From now on certificates come from {@code from}, except those below {@code floors} (null: none). */
    void goLive(DeliverySource from, StreamPosition floorsAbove) {
        source = from;
        floors = floorsAbove == null || floorsAbove.size() == 0 ? null : floorsAbove;
        replayPosition = null;
        live = true;
    }

    /** Where this client is: what a cursor for it names now. */
    StreamPosition position() {
        if (!live) {
            return replayPosition;
        }
        if (floors == null) {
            return source.position();
        }
        StreamPosition merged = source.position().copy();
        merged.raiseTo(floors);
        return merged;
    }

    /** Sends this transport's form of a live message now if the connection takes it, else queues it. */
    void send(Outgoing message) {
        if (message instanceof Outgoing.Certificate certificate) {
            CertificateEnvelope envelope = certificate.envelope();
            if (!live || floors != null && floors.covers(certificate.logId(), envelope.index())) {
                return;
            }
            Buffer bytes;
            if (floors != null && (transport.eventStream() || cursors)) {
                // Its own position differs from the stream's until the stream passes its floors.
                lastCursor = position().encoded();
                bytes = frameCertificate(envelope, lastCursor);
            } else if (cursors || transport.eventStream()) {
                lastCursor = certificate.cursor();
                bytes = transport.eventStream() ? transport.pick(message, kind()) : certificate.withCursor(kind());
            } else {
                bytes = transport.pick(message, kind());
            }
            write(bytes, envelope);
            return;
        }
        Buffer bytes = transport.pick(message, kind());
        if (bytes != null) {
            write(bytes, null);
        }
    }

    /** A replayed certificate; {@code after} is the replay's position once it is passed (its SSE id, its cursor). */
    void sendReplayed(CertificateEnvelope envelope, StreamPosition after) {
        if (cursors || transport.eventStream()) {
            lastCursor = after.encoded();
            write(frameCertificate(envelope, lastCursor), envelope);
        } else {
            write(envelope.rendering(kind()), envelope);
        }
    }

    /** The certificate for this client alone, carrying {@code cursor} as its SSE id or its cursor field. */
    private Buffer frameCertificate(CertificateEnvelope envelope, String cursor) {
        Buffer json = envelope.rendering(kind());
        return transport.eventStream() ? transport.frame(json, cursor) : ResumeMessages.withCursor(json, cursor);
    }

    /** A range the client will not get from this stream: told when it asked, counted always. */
    void gap(String logUrl, long from, long to, String reason) {
        meters.gap(reason, to - from + 1, output.tellsGaps());
        if (output.tellsGaps()) {
            // No SSE id: the browser's Last-Event-ID must stay that of the last certificate it got.
            write(transport.frame(ResumeMessages.gap(logUrl, from, to, reason, -1), null), null);
        }
    }

    /**
     * The hub's cursor period: when the client's position moved past the last cursor it got (its filter let
     * nothing through meanwhile, say), a cursor message, or on SSE an id-only event.
     */
    void cursorTick() {
        if (output.closing() || (live && source == null)) {
            return;
        }
        if (live && floors != null && source.position().atOrBeyond(floors)) {
            floors = null;
        }
        StreamPosition position = position();
        if (position == null || position.size() == 0) {
            return;
        }
        String cursor = position.encoded();
        if (cursor.equals(lastCursor)) {
            return;
        }
        lastCursor = cursor;
        if (cursors) {
            write(transport.frame(ResumeMessages.cursor(cursor), transport.eventStream() ? cursor : null), null);
        } else if (transport.eventStream()) {
            write(SseEvents.idOnly(cursor), null);
        }
    }

    /** Runs {@code next} once everything queued went to the connection (replays read on at that pace). */
    void whenWritable(Runnable next) {
        output.whenWritable(next);
    }

    private void write(Buffer bytes, CertificateEnvelope certificate) {
        output.write(bytes, certificate);
    }

    /** A certificate the gateway shed (it fell behind): counted, and told as a gap when live and asked. */
    void shed(CertificateEnvelope envelope) {
        output.lost(envelope, live);
    }

    void flush() {
        output.flush();
    }

    /** Pings (or probes) the client, or closes it when it has shown no sign of life for {@code timeoutNanos}. */
    void pingOrExpire(long nowNanos, long timeoutNanos) {
        if (output.closing()) {
            return;
        }
        if (nowNanos - lastHeardNanos > timeoutNanos) {
            LOG.info("closing client {} on {}: no sign of life for {} s", transport.remote(), transport.route(),
                    (nowNanos - lastHeardNanos) / 1_000_000_000L);
            meters.pongTimeout();
            close(CLOSE_GOING_AWAY, "no pong");
            return;
        }
        if (transport.pingOrProbe()) {
            lastHeardNanos = nowNanos;
        }
    }

    /** Starts closing and frees the queue; the hub forgets us when the connection closes. */
    void close(short code, String reason) {
        if (!output.closing()) {
            onClosed();
            transport.close(code, reason);
        }
    }

    /** The connection closed (either side): forget the queued messages. */
    void onClosed() {
        output.closed();
    }

    /** This client in {@code /stats}: no address, since that page is public and addresses identify people. */
    JsonObject toStatsJson() {
        return new JsonObject().put("id", id).put("stream", StreamNames.of(kind())).put("transport", transport.name())
                .put("filtered", subscription.filter() != null).put("replaying", !live)
                .put("connected_seconds", (System.nanoTime() - openedNanos) / 1_000_000_000L)
                .put("dropped", output.dropped()).put("queued", output.queued());
    }

    /** The client's address as the server sees it (logs and tests only). */
    String remote() {
        return transport.remote();
    }
}
