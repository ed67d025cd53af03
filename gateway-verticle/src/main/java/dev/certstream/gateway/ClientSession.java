package dev.certstream.gateway;

import dev.certstream.contract.StreamKind;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One websocket client: writes straight to the socket while Netty accepts more, queues in a bounded
 * {@link OutboundQueue} (dropping the oldest) while it does not, and flushes again on drain. Only its
 * socket's event loop calls it; {@code /stats} reads the volatile figures from other threads.
 */
final class ClientSession {

    /** Close code for a client that answered no ping: it is gone as far as we can tell. */
    static final short CLOSE_GOING_AWAY = 1001;
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final Buffer PING = Buffer.buffer();

    private final long id = IDS.incrementAndGet();
    private final StreamKind kind;
    private final String remote;
    private final ServerWebSocket socket;
    private final OutboundQueue queue;
    private final ClientRegistry registry;
    private final GatewayMetrics metrics;
    private volatile long dropped;
    private volatile int queued;
    private volatile long queuedBytes;
    private final long openedNanos = System.nanoTime();
    private long lastHeardNanos = openedNanos;
    private boolean closing;

    ClientSession(ServerWebSocket socket, StreamKind kind, GatewayConfig config, ClientRegistry registry,
                  GatewayMetrics metrics) {
        this.socket = socket;
        this.kind = kind;
        this.remote = String.valueOf(socket.remoteAddress());
        this.queue = new OutboundQueue(config.queueMessages(), config.queueBytes());
        this.registry = registry;
        this.metrics = metrics;
        socket.setWriteQueueMaxSize(config.socketBufferBytes());
        socket.drainHandler(v -> flush());
        // Client frames carry nothing we use (some clients send a text "ping"); any frame proves liveness.
        socket.frameHandler(frame -> lastHeardNanos = System.nanoTime());
        socket.exceptionHandler(this::onError);
    }

    /**
     * Netty rejects a frame past {@code maxClientFrameBytes} with this exception and Vert.x then drops the
     * connection; sending the close frame with the status Netty chose (1009, too big) first tells the client
     * why instead of leaving it an abnormal 1006.
     */
    private void onError(Throwable error) {
        if (error instanceof CorruptedWebSocketFrameException corrupt && !closing) {
            LOG.debug("closing client {} on {}: {}", remote, StreamNames.route(kind), corrupt.getMessage());
            close((short) corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
        } else {
            LOG.debug("websocket error, client {} on {}: {}", remote, StreamNames.route(kind), error.toString());
        }
    }

    StreamKind kind() {
        return kind;
    }

    long dropped() {
        return dropped;
    }

    /** Messages waiting in this socket's own queue (not Netty's). */
    int queued() {
        return queued;
    }

    /** Bytes those messages hold; the buffers are shared with every other socket of the stream. */
    long queuedBytes() {
        return queuedBytes;
    }

    /** Sends a message now if the socket takes it, else queues it, dropping the oldest past the bounds. */
    void send(Buffer message) {
        if (closing) {
            return;
        }
        if (queue.isEmpty() && !socketFull()) {
            TextFrames.write(socket, message);
            return;
        }
        int droppedNow = queue.offer(message);
        if (droppedNow > 0) {
            dropped += droppedNow;
            registry.dropped(kind, droppedNow);
            metrics.dropped(kind, droppedNow);
        }
        queued = queue.size();
        queuedBytes = queue.bytes();
    }

    /** One message this client will never get: the gateway shed it (see {@link StreamHub#shed()}). */
    void shed() {
        dropped++;
    }

    private void flush() {
        while (!closing && !queue.isEmpty() && !socketFull()) {
            TextFrames.write(socket, queue.poll());
        }
        queued = queue.size();
        queuedBytes = queue.bytes();
    }

    /** Whether Netty's buffer for this socket is full; a socket whose close has begun counts as full. */
    private boolean socketFull() {
        try {
            return socket.writeQueueFull();
        } catch (IllegalStateException closedMeanwhile) {
            // The client's close frame arrived before our close handler ran: stop writing.
            closing = true;
            return true;
        }
    }

    /** Pings the client, or closes it when it has answered nothing for {@code pongTimeoutNanos}. */
    void pingOrExpire(long nowNanos, long pongTimeoutNanos) {
        if (closing) {
            return;
        }
        if (nowNanos - lastHeardNanos > pongTimeoutNanos) {
            LOG.info("closing client {} on {}: no answer to pings for {} s", remote, StreamNames.route(kind),
                    (nowNanos - lastHeardNanos) / 1_000_000_000L);
            metrics.pongTimeout();
            close(CLOSE_GOING_AWAY, "no pong");
            return;
        }
        socket.writePing(PING);
    }

    /** Starts the close handshake and frees the queue; the registry forgets us when the socket closes. */
    void close(short code, String reason) {
        if (!closing) {
            closing = true;
            queue.clear();
            queued = 0;
            queuedBytes = 0;
            socket.close(code, reason);
        }
    }

    /** The socket closed (either side): forget the queued messages. */
    void onClosed() {
        closing = true;
        queue.clear();
        queued = 0;
        queuedBytes = 0;
    }

    /** This socket in {@code /stats}: no address, since that page is public and addresses identify people. */
    JsonObject toStatsJson() {
        return new JsonObject().put("id", id).put("stream", StreamNames.of(kind))
                .put("connected_seconds", (System.nanoTime() - openedNanos) / 1_000_000_000L)
                .put("dropped", dropped).put("queued", queued);
    }

    /** The client's address as the server sees it (logs and tests only). */
    String remote() {
        return remote;
    }
}
