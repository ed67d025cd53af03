package dev.certstream.bench.firehose;

import dev.certstream.bench.LoopCalls;
import dev.certstream.bench.MessageScanner;
import dev.certstream.bench.WallClock;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * The firehose clients of one client event loop: keeps each one connected (reconnecting while the server
 * is down), and for every frame records the certificate's freshness (now minus {@code source.timestamp})
 * and its per-log index continuity. Figures are kept for two periods, the report interval and the last
 * second (catch-up detection), each handed out and reset by {@link #sample}. Only its loop touches state.
 */
final class FirehoseShard extends VerticleBase {

    /** Which figures {@link #sample} hands out. */
    enum Period { REPORT, SECOND }

    private static final Logger LOG = LoggerFactory.getLogger(FirehoseShard.class);
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final long RECONNECT_MS = 250;

    /** One period's running figures. */
    private static final class Figures {
        final Histogram freshness = new Histogram(FirehoseSample.MAX_FRESHNESS_MICROS, 3);
        long messages;
        long certificates;
        long dnsEntries;
        long withoutTimestamp;
    }

    private final String host;
    private final int port;
    private final List<FirehoseClient> clients;
    private final Figures report = new Figures();
    private final Figures second = new Figures();
    /**
     * Clients per loopback source address: under the server's default per-address cap of 100 streams, so the
     * embedded default is measured with its defaults untouched (the bench's clients stand for many users).
     */
    static final int CLIENTS_PER_ADDRESS = 50;
    /** One websocket client per source address (127.0.0.10, .11, ...): an address is a client option. */
    private final java.util.Map<String, WebSocketClient> webSockets = new java.util.HashMap<>();
    private boolean stopping;

    FirehoseShard(String host, int port, List<FirehoseClient> clients) {
        this.host = host;
        this.port = port;
        this.clients = clients;
    }

    @Override
    public Future<?> start() {
        for (FirehoseClient client : clients) {
            webSockets.computeIfAbsent(sourceAddress(client), address -> vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setLocalAddress(address).setMaxConnections(Math.max(1, clients.size())).setMaxFrameSize(MAX_FRAME_BYTES)
                    .setMaxMessageSize(MAX_FRAME_BYTES).setConnectTimeout(10_000)
                    .setTryUsePerMessageCompression(false).setTryUsePerFrameCompression(false)));
        }
        clients.forEach(this::connect);
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return Future.all(webSockets.values().stream().map(WebSocketClient::close).toList());
    }

    /** The loopback address a client connects from: {@value #CLIENTS_PER_ADDRESS} clients per address. */
    static String sourceAddress(FirehoseClient client) {
        return "127.0.0." + (10 + client.id / CLIENTS_PER_ADDRESS);
    }

    private void connect(FirehoseClient client) {
        if (stopping) {
            return;
        }
        webSockets.get(sourceAddress(client)).connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI(client.path))
                .onSuccess(socket -> {
                    client.socket = socket;
                    client.connections++;
                    socket.handler(frame -> onMessage(client, frame));
                    socket.exceptionHandler(error -> LOG.debug("client {}: {}", client.id, error.toString()));
                    socket.closeHandler(v -> {
                        client.socket = null;
                        vertx.setTimer(RECONNECT_MS, id -> connect(client));
                    });
                })
                .onFailure(error -> vertx.setTimer(RECONNECT_MS, id -> connect(client)));
    }

    private void onMessage(FirehoseClient client, Buffer frame) {
        report.messages++;
        second.messages++;
        if (!client.carriesTimestamps()) {
            if (MessageScanner.isDnsEntries(frame)) {
                client.dnsEntries++;
                report.dnsEntries++;
                second.dnsEntries++;
            }
            return;
        }
        long index = MessageScanner.certIndex(frame);
        if (index == MessageScanner.NOT_FOUND) {
            return;   // a heartbeat
        }
        client.certificates++;
        client.gaps.arrived(MessageScanner.logKey(frame), index);
        long timestamp = MessageScanner.sourceTimestampMicros(frame);
        long freshness = timestamp == MessageScanner.NOT_FOUND ? -1 : Math.max(0, WallClock.nowMicros() - timestamp);
        for (Figures figures : new Figures[] {report, second}) {
            figures.certificates++;
            if (freshness < 0) {
                figures.withoutTimestamp++;
            } else {
                figures.freshness.recordValue(Math.min(freshness, FirehoseSample.MAX_FRESHNESS_MICROS));
            }
        }
    }

    /** The period's figures (reset for the next one) with the run's totals so far. */
    Future<FirehoseSample> sample(Period period) {
        return onLoop(() -> {
            Figures figures = period == Period.REPORT ? report : second;
            long missing = 0;
            long repeated = 0;
            for (FirehoseClient client : clients) {
                if (client.gaps != null) {
                    missing += client.gaps.missing();
                    repeated += client.gaps.repeated();
                }
            }
            FirehoseSample sample = new FirehoseSample(
                    (int) clients.stream().filter(c -> c.socket != null).count(), figures.messages,
                    figures.certificates, figures.dnsEntries, figures.withoutTimestamp, figures.freshness.copy(),
                    missing, repeated,
                    clients.stream().filter(FirehoseClient::carriesTimestamps).mapToLong(c -> c.certificates).toArray(),
                    clients.stream().filter(c -> !c.carriesTimestamps()).mapToLong(c -> c.dnsEntries).toArray());
            figures.freshness.reset();
            figures.messages = figures.certificates = figures.dnsEntries = figures.withoutTimestamp = 0;
            return sample;
        });
    }

    private <T> Future<T> onLoop(Supplier<T> action) {
        return LoopCalls.on(context, action);
    }
}
