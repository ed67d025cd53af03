package dev.certstream.gateway;

import dev.certstream.contract.StreamKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One client, over a websocket or SSE: writes straight to the connection while Netty accepts more, queues
 * in a bounded {@link OutboundQueue} (dropping the oldest) while it does not, and flushes again on drain.
 * Only its connection's event loop calls it; {@code /stats} reads the volatile figures from other threads.
 */
final class ClientSession {

    /** Close code for a client that answered no ping: it is gone as far as we can tell. */
    static final short CLOSE_GOING_AWAY = 1001;
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Subscription subscription;
    private final ClientTransport transport;
    private final OutboundQueue queue;
    private final ClientRegistry registry;
    private final GatewayMetrics metrics;
    private volatile long dropped;
    private volatile int queued;
    private volatile long queuedBytes;
    private final long openedNanos = System.nanoTime();
    private long lastHeardNanos = openedNanos;
    private boolean closing;

    ClientSession(ClientTransport transport, Subscription subscription, GatewayConfig config, ClientRegistry registry,
                  GatewayMetrics metrics) {
        this.transport = transport;
        this.subscription = subscription;
        this.queue = new OutboundQueue(config.queueMessages(), config.queueBytes());
        this.registry = registry;
        this.metrics = metrics;
    }

    StreamKind kind() {
        return subscription.kind();
    }

    Subscription subscription() {
        return subscription;
    }

    long dropped() {
        return dropped;
    }

    /** Messages waiting in this socket's own queue (not Netty's). */
    int queued() {
        return queued;
    }

    /**
     * Bytes those messages keep alive (a certificate's whole array, see {@link OutboundQueue}); the arrays
     * are shared with every other socket the certificate went to.
     */
    long queuedBytes() {
        return queuedBytes;
    }

    /** The client sent something (websocket frames, pongs): it is alive. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** Sends this transport's form of a message now if the connection takes it, else queues it. */
    void send(Outgoing message) {
        Buffer bytes = transport.pick(message, subscription.kind());
        if (bytes != null) {
            send(bytes, message.retained(bytes));
        }
    }

    /** Sends bytes that keep only themselves alive (see {@link #send(Buffer, int)}). */
    void send(Buffer bytes) {
        send(bytes, bytes.length());
    }

    /**
     * Sends bytes now if the connection takes them, else queues them, dropping the oldest past the bounds.
     *
     * @param retained what queueing the bytes keeps alive (the array they are a slice of)
     */
    void send(Buffer bytes, int retained) {
        if (closing) {
            return;
        }
        if (queue.isEmpty() && !connectionFull()) {
            transport.write(bytes);
            return;
        }
        int droppedNow = queue.offer(bytes, retained);
        if (droppedNow > 0) {
            dropped += droppedNow;
            registry.dropped(kind(), droppedNow);
            metrics.dropped(kind(), droppedNow);
        }
        queued = queue.size();
        queuedBytes = queue.bytes();
    }

    /** One message this client will never get: the gateway shed it (see {@link StreamHub#shed()}). */
    void shed() {
        dropped++;
    }

    void flush() {
        while (!closing && !queue.isEmpty() && !connectionFull()) {
            transport.write(queue.poll());
        }
        queued = queue.size();
        queuedBytes = queue.bytes();
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

    /** Pings (or probes) the client, or closes it when it has shown no sign of life for {@code timeoutNanos}. */
    void pingOrExpire(long nowNanos, long timeoutNanos) {
        if (closing) {
            return;
        }
        if (nowNanos - lastHeardNanos > timeoutNanos) {
            LOG.info("closing client {} on {}: no sign of life for {} s", transport.remote(), transport.route(),
                    (nowNanos - lastHeardNanos) / 1_000_000_000L);
            metrics.pongTimeout();
            close(CLOSE_GOING_AWAY, "no pong");
            return;
        }
        if (transport.pingOrProbe()) {
            lastHeardNanos = nowNanos;
        }
    }

    /** Starts closing and frees the queue; the hub forgets us when the connection closes. */
    void close(short code, String reason) {
        if (!closing) {
            closing = true;
            queue.clear();
            queued = 0;
            queuedBytes = 0;
            transport.close(code, reason);
        }
    }

    /** The connection closed (either side): forget the queued messages. */
    void onClosed() {
        closing = true;
        queue.clear();
        queued = 0;
        queuedBytes = 0;
    }

    /** This client in {@code /stats}: no address, since that page is public and addresses identify people. */
    JsonObject toStatsJson() {
        return new JsonObject().put("id", id).put("stream", StreamNames.of(kind())).put("transport", transport.name())
                .put("filtered", subscription.filter() != null)
                .put("connected_seconds", (System.nanoTime() - openedNanos) / 1_000_000_000L)
                .put("dropped", dropped).put("queued", queued);
    }

    /** The client's address as the server sees it (logs and tests only). */
    String remote() {
        return transport.remote();
    }
}
