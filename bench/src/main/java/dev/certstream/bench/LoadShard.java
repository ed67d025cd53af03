package dev.certstream.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * The clients of one client event loop: opens them at its share of the connect rate, and for every frame
 * counts messages and bytes and records the lag of certificates, all on that loop, so no counter is shared
 * between threads. Other threads talk to it through futures that run on its loop.
 */
final class LoadShard extends VerticleBase {

    /** Highest lag the histogram tracks (10 minutes); larger lags are recorded as this. */
    static final long MAX_LAG_MICROS = 600_000_000L;
    /** Largest frame a client accepts: full-stream messages with long chains reach tens of KB. */
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final long CONNECT_TICK_MS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(LoadShard.class);

    private final LoadOptions options;
    private final List<LoadClient> clients;
    private final double connectsPerSecond;
    private final Promise<Void> attempted = Promise.promise();
    private final Histogram lag = new Histogram(MAX_LAG_MICROS, 3);
    private WebSocketClient webSockets;
    private long connectTimer = -1;
    private long connectStartNanos;
    private int nextClient;
    private int connected;
    private int failed;
    private int closed;
    private String firstFailure;
    private boolean recording;
    private long messages;
    private long bytes;
    private long certificates;
    private long heartbeats;
    private long others;
    private long withoutSeen;
    private long negativeLags;

    LoadShard(LoadOptions options, List<LoadClient> clients, double connectsPerSecond) {
        this.options = options;
        this.clients = clients;
        this.connectsPerSecond = connectsPerSecond;
    }

    @Override
    public Future<?> start() {
        webSockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setDefaultHost(options.url().getHost()).setDefaultPort(options.port())
                // The default is 50 connections per host: the rest would wait in a queue, unmeasured.
                .setMaxConnections(Math.max(1, clients.size()))
                .setMaxFrameSize(MAX_FRAME_BYTES).setMaxMessageSize(MAX_FRAME_BYTES)
                .setTryUsePerMessageCompression(false).setTryUsePerFrameCompression(false)
                .setConnectTimeout(30_000));
        connectStartNanos = System.nanoTime();
        if (clients.isEmpty()) {
            attempted.tryComplete();
        } else {
            connectTimer = vertx.setPeriodic(0, CONNECT_TICK_MS, id -> openDue());
        }
        return Future.succeededFuture();
    }

    /** Completes once every client of this shard connected or failed to. */
    Future<Void> attempted() {
        return attempted.future();
    }

    private void openDue() {
        double elapsed = (System.nanoTime() - connectStartNanos) / 1e9;
        long due = Math.min(clients.size(), (long) (elapsed * connectsPerSecond) + 1);
        while (nextClient < due) {
            open(clients.get(nextClient++));
        }
        if (nextClient == clients.size()) {
            vertx.cancelTimer(connectTimer);
        }
    }

    private void open(LoadClient client) {
        WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost(options.url().getHost())
                .setPort(options.port()).setURI(options.path());
        webSockets.connect(connect).onComplete(result -> {
            if (result.succeeded()) {
                attach(client, result.result());
            } else {
                failed++;
                if (firstFailure == null) {
                    firstFailure = String.valueOf(result.cause());
                    LOG.warn("client {} could not connect to {}: {}", client.id, options.url(), firstFailure);
                }
            }
            if (connected + failed == clients.size()) {
                attempted.tryComplete();
            }
        });
    }

    private void attach(LoadClient client, WebSocket socket) {
        client.socket = socket;
        connected++;
        if (client.paused) {
            socket.pause();
        }
        socket.handler(frame -> onMessage(client, frame));
        socket.exceptionHandler(error -> LOG.debug("client {}: {}", client.id, error.toString()));
        socket.closeHandler(v -> {
            client.closed = true;
            closed++;
        });
    }

    private void onMessage(LoadClient client, Buffer frame) {
        client.received++;
        if (client.paused) {
            // Paused clients only read during the drain after the window; the count is all that matters.
            if (recording) {
                client.messages++;
            }
            return;
        }
        MessageBytes scanned = MessageBytes.of(frame);
        long seen = MessageScanner.seenMicros(scanned);
        MessageScanner.Kind kind = MessageScanner.kind(scanned, seen);
        if (kind == MessageScanner.Kind.CERTIFICATE) {
            client.gaps.arrived(MessageScanner.logKey(scanned), MessageScanner.certIndex(scanned));
        }
        if (!recording) {
            return;
        }
        int length = frame.length();
        client.messages++;
        client.bytes += length;
        messages++;
        bytes += length;
        switch (kind) {
            case CERTIFICATE -> {
                client.certificates++;
                certificates++;
                recordLag(seen);
            }
            case HEARTBEAT -> {
                client.heartbeats++;
                heartbeats++;
            }
            default -> others++;
        }
    }

    private void recordLag(long seenMicros) {
        if (seenMicros == MessageScanner.NOT_FOUND) {
            withoutSeen++;
            return;
        }
        long micros = WallClock.nowMicros() - seenMicros;
        if (micros < 0) {
            // A seen in the future: clocks disagree (another machine), or the server stamps late.
            negativeLags++;
            micros = 0;
        }
        lag.recordValue(Math.min(micros, MAX_LAG_MICROS));
    }

    /** Starts a measurement window: every count goes back to zero. */
    Future<Void> beginWindow() {
        return onLoop(() -> {
            messages = bytes = certificates = heartbeats = others = withoutSeen = negativeLags = 0;
            lag.reset();
            clients.forEach(LoadClient::resetWindow);
            recording = true;
            return null;
        });
    }

    /** The window's figures so far; {@code stop} also ends the window. */
    Future<ShardReport> report(boolean stop) {
        return onLoop(() -> {
            if (stop) {
                recording = false;
            }
            return snapshot();
        });
    }

    /** Lets paused clients read again for {@code drainMillis}; completes with what they received meanwhile. */
    Future<Long> resumePaused(long drainMillis) {
        Promise<Long> drained = Promise.promise();
        context.runOnContext(v -> {
            long before = pausedReceived();
            clients.stream().filter(c -> c.paused && c.socket != null && !c.closed).forEach(c -> c.socket.resume());
            vertx.setTimer(Math.max(1, drainMillis), id -> drained.complete(pausedReceived() - before));
        });
        return drained.future();
    }

    private long pausedReceived() {
        return clients.stream().filter(c -> c.paused).mapToLong(c -> c.received).sum();
    }

    private ShardReport snapshot() {
        long[] active = clients.stream().filter(c -> !c.paused && c.socket != null).mapToLong(c -> c.messages).toArray();
        long[] paused = clients.stream().filter(c -> c.paused && c.socket != null).mapToLong(c -> c.messages).toArray();
        long missing = 0;
        long repeated = 0;
        long untracked = 0;
        for (LoadClient c : clients) {
            if (c.gaps != null) {
                missing += c.gaps.missing();
                repeated += c.gaps.repeated();
                untracked += c.gaps.untracked();
            }
        }
        return new ShardReport(connected, failed, closed, firstFailure, active, paused, messages, bytes,
                certificates, heartbeats, others, withoutSeen, negativeLags, missing, repeated, untracked, lag.copy());
    }

    private <T> Future<T> onLoop(Supplier<T> action) {
        return LoopCalls.on(context, action);
    }
}
