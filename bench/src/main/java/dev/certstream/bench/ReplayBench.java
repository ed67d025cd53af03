package dev.certstream.bench;

import dev.certstream.broker.BrokerConfig;
import dev.certstream.broker.BrokerVerticle;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.gateway.GatewayConfig;
import dev.certstream.gateway.GatewayDeployment;
import dev.certstream.gateway.GatewayVerticle;
import dev.certstream.gateway.resume.LogIds;
import dev.certstream.gateway.resume.ReplayBuffer;
import dev.certstream.gateway.resume.ReplayConfig;
import dev.certstream.gateway.resume.StreamPosition;
import dev.certstream.node.EnvReader;
import dev.certstream.node.NodeMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The replay buffer's costs (issue 10): what one minute of the firehose takes in the buffer (disk, and the
 * heap its index keeps), and how fast one resuming client is replayed to. Fills a buffer with a minute of
 * rendered simulator certificates spread over the firehose's 48 logs at its rate, then a gateway whose
 * buffer holds them replays all of them to one websocket client that resumes from before the first.
 * Prints its figures; it takes no timing the tests rely on.
 *   java -cp bench/target/bench-0.1.0-SNAPSHOT-all.jar dev.certstream.bench.ReplayBench [RATE] [SECONDS]
 */
public final class ReplayBench {

    private static final int LOGS = 48;

    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 1500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int count = (int) (rate * seconds);
        CertificateEnvelope[] samples = BenchEnvelopes.rendered(1024);
        Path dir = Files.createTempDirectory("certstream-replay-bench");
        ReplayConfig replay = ReplayConfig.fromEnv(new EnvReader(System.getenv())).withDataDir(dir)
                .withBounds(64L << 30, Duration.ofHours(1));
        perMinute(replay, samples, rate, count);
        throughput(replay.withDataDir(dir.resolve("gateway")), samples, count);
        System.exit(0);
    }

    /** Disk and index heap for {@code count} certificates arriving at {@code rate}, scaled to one minute. */
    private static void perMinute(ReplayConfig config, CertificateEnvelope[] samples, double rate, int count) {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        long heapBefore = usedHeapAfterGc();
        long rendered = 0;
        try (ReplayBuffer buffer = new ReplayBuffer(config, "bench", clock::get)) {
            long started = System.nanoTime();
            fill(buffer, samples, count, clock, rate);
            for (CertificateEnvelope sample : samples) {
                rendered += sample.retainedBytes();
            }
            buffer.seal();
            awaitWritten(buffer, 0);
            long fillNanos = System.nanoTime() - started;
            long heap = usedHeapAfterGc() - heapBefore;
            double minutes = count / rate / 60;
            System.out.printf("buffer: %d certificates (%.1f min at %.0f/s, %d logs), block %d KB%n", count, minutes, rate,
                    LOGS, config.blockBytes() / 1024);
            System.out.printf("buffer: disk %.1f MB per minute (%.0f bytes per certificate; rendered %.0f bytes)%n",
                    buffer.bytesOnDisk() / minutes / 1e6, (double) buffer.bytesOnDisk() / count, (double) rendered / samples.length);
            System.out.printf("buffer: heap %.2f MB per minute (index and unwritten blocks, after GC)%n", heap / minutes / 1e6);
            System.out.printf("buffer: appended at %.0f certificates/s (one thread, paced by the writer's deflate)%n", count / (fillNanos / 1e9));
            System.out.println("buffer: " + buffer.toJson().encode());
        }
    }

    /** One client resuming from before the first of {@code count} buffered certificates: certificates/s. */
    private static void throughput(ReplayConfig config, CertificateEnvelope[] samples, int count) throws Exception {
        Vertx vertx = Vertx.vertx();
        GatewayConfig defaults = GatewayConfig.fromEnv(new EnvReader(System.getenv()));
        GatewayConfig gatewayConfig = defaults.toBuilder().port(0).host("127.0.0.1").instances(1)
                .subscriptions(defaults.subscriptions().withReplay(config)).build();
        GatewayDeployment gateway = vertx.deployVerticle(new BrokerVerticle(BrokerConfig.defaults()))
                .compose(broker -> GatewayVerticle.deploy(vertx, gatewayConfig, NodeMetrics.newRegistry()))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        fill(gateway.buffer(), samples, count, clock, Double.POSITIVE_INFINITY);
        StreamPosition before = new StreamPosition();
        for (int log = 0; log < LOGS; log++) {
            before.raise(LogIds.of(logUrl(log)), 0);
        }
        awaitWritten(gateway.buffer(), 0);
        AtomicLong received = new AtomicLong();
        CompletableFuture<Long> done = new CompletableFuture<>();
        long started = System.nanoTime();
        // The handler is set before connecting: the replay starts in the upgrade's own reads, and connect()
        // resumes the socket before its future's continuations could set one.
        ClientWebSocket socket = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
                .setMaxMessageSize(1 << 22)).webSocket();
        socket.textMessageHandler(text -> {
            if (text.startsWith("{\"message_type\":\"certificate_update\"") && received.incrementAndGet() == count) {
                done.complete(System.nanoTime());
            }
        });
        socket.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gateway.port())
                .setURI("/full-stream?since=" + before.encoded())).onFailure(done::completeExceptionally);
        long finished = done.get(10, TimeUnit.MINUTES);
        double secondsTaken = (finished - started) / 1e9;
        System.out.printf("replay: %d certificates (full stream) to one resuming client in %.1f s: %.0f certificates/s%n",
                count, secondsTaken, count / secondsTaken);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Appends {@code count} certificates round-robin over the logs, the clock moving at {@code rate}. */
    private static void fill(ReplayBuffer buffer, CertificateEnvelope[] samples, int count, AtomicLong clock, double rate) {
        long startMs = clock.get();
        for (int i = 0; i < count; i++) {
            int log = i % LOGS;
            String url = logUrl(log);
            buffer.append(BenchEnvelopes.as(samples[i % samples.length], url, i / LOGS), LogIds.of(url));
            if (i % 1000 == 999) {
                awaitWritten(buffer, 4);
            }
            if (Double.isFinite(rate)) {
                clock.set(startMs + (long) (i * 1000 / rate));
            }
        }
    }

    /** Waits while more than {@code most} sealed blocks wait for the writer (a bench fills faster than any gateway). */
    private static void awaitWritten(ReplayBuffer buffer, int most) {
        while (buffer.toJson().getInteger("unwritten_blocks") > most) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String logUrl(int log) {
        return "https://ct" + log + ".example.test/2026h1/";
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
