package dev.certstream.gateway;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

import java.time.Duration;

/**
 * How a gateway listens and how much it buffers, validated once; {@link #fromEnv} is for a {@code Main},
 * tests change the defaults with {@link #toBuilder()}. A new group of settings is a small record with its
 * own {@code fromEnv(EnvReader)} (every error naming its variable) and builder, added here as one component
 * (as the watcher's groups are in {@code WatcherConfig}); deploy-tests then checks its variables against
 * the README's table.
 *
 * @param host                 interface to listen on
 * @param port                 TCP port; 0 picks a free port shared by every instance (tests)
 * @param instances            verticle instances, one per event loop, each owning its own sockets
 * @param heartbeatInterval    heartbeat message period on every stream; zero turns it off
 * @param pingInterval         websocket ping period
 * @param pongTimeout          a client that answered nothing for this long is closed
 * @param queueMessages        per-socket queue bound in messages (the oldest are dropped past it)
 * @param queueBytes           per-socket queue bound in bytes, so a few huge full-stream messages cannot
 *                             pin megabytes per paused client
 * @param socketBufferBytes    bytes Netty may hold for one socket before it reports the socket full and
 *                             our own queue takes over (Netty's write-buffer high water mark)
 * @param maxClients           websocket clients this gateway accepts across all instances; past it
 *                             upgrades get HTTP 503, so a connection flood cannot exhaust memory
 * @param maxClientFrameBytes  largest frame or message a client may send (clients have nothing to say,
 *                             so this stays small; larger ones close that client with code 1009)
 * @param brokerTimeout        how long a JSON route waits for the broker before answering 503
 * @param brokerFallbackAge    how old a broker's last answer may be to stand in when no broker answers
 *                             in time (a frozen replica still takes its share of requests until the
 *                             cluster removes it, ~10 s); zero answers 503 instead
 * @param maxLogs              logs remembered by the duplicate filter and the per-log meters; bounded so
 *                             bogus log URLs cannot grow the heap or the metrics page
 * @param statsWorstSockets    how many of the worst-dropping sockets {@code /stats} lists
 * @param fanoutLinger         how long certificates gather before one fan-out writes them all, so each
 *                             socket gets one system call per window instead of one per certificate;
 *                             zero sends each at once
 * @param fanoutBatch          most certificates gathered in one window (sent at once when reached)
 * @param flushConsolidation   socket flushes merged into one within an event-loop task (Netty's
 *                             FlushConsolidationHandler); zero flushes every write
 * @param fanoutBacklog        tasks waiting on an instance's event loop past which a certificate is shed
 *                             (counted as a drop for each of its clients) instead of sent: the event bus
 *                             has no back-pressure, so a gateway that cannot keep up would otherwise queue
 *                             certificates (~7 KB each) until the heap is gone
 * @param subscriptions        filters, per-client limits and SSE ({@link SubscriptionConfig})
 */
public record GatewayConfig(String host, int port, int instances, Duration heartbeatInterval,
                            Duration pingInterval, Duration pongTimeout, int queueMessages, int queueBytes,
                            int socketBufferBytes, int maxClients, int maxClientFrameBytes,
                            Duration brokerTimeout, Duration brokerFallbackAge, int maxLogs, int statsWorstSockets,
                            Duration fanoutLinger, int fanoutBatch, int flushConsolidation, int fanoutBacklog,
                            SubscriptionConfig subscriptions) {

    static final Duration MAX_DURATION = Duration.ofHours(1);
    static final int DEFAULT_FANOUT_BACKLOG = 2000;

    public GatewayConfig {
        require(host != null && !host.isBlank(), "host must be set");
        require(port >= 0 && port <= 65535, "port must be between 0 and 65535: " + port);
        require(instances >= 1 && instances <= 256, "instances must be between 1 and 256: " + instances);
        require(!heartbeatInterval.isNegative(), "heartbeatInterval must not be negative");
        require(pingInterval.toMillis() >= 10, "pingInterval must be at least 10ms: " + pingInterval);
        require(pongTimeout.compareTo(pingInterval) > 0, "pongTimeout must exceed pingInterval");
        require(queueMessages >= 1, "queueMessages must be positive: " + queueMessages);
        require(queueBytes >= 1024, "queueBytes must be at least 1024: " + queueBytes);
        require(socketBufferBytes >= 1024, "socketBufferBytes must be at least 1024: " + socketBufferBytes);
        require(maxClients >= 1, "maxClients must be positive: " + maxClients);
        require(maxClientFrameBytes >= 125, "maxClientFrameBytes must be at least 125: " + maxClientFrameBytes);
        require(brokerTimeout.toMillis() >= 1, "brokerTimeout must be positive");
        require(!brokerFallbackAge.isNegative(), "brokerFallbackAge must not be negative");
        require(maxLogs >= 1, "maxLogs must be positive: " + maxLogs);
        require(statsWorstSockets >= 0 && statsWorstSockets <= 1000, "statsWorstSockets must be 0..1000");
        require(!fanoutLinger.isNegative() && fanoutLinger.toMillis() <= 1000, "fanoutLinger must be 0..1s: " + fanoutLinger);
        require(fanoutBatch >= 1, "fanoutBatch must be positive: " + fanoutBatch);
        require(flushConsolidation >= 0, "flushConsolidation must not be negative: " + flushConsolidation);
        require(fanoutBacklog >= 10, "fanoutBacklog must be at least 10: " + fanoutBacklog);
        require(subscriptions != null, "subscriptions must be set");
    }

    /** The settings without subscription ones, which then take their defaults. */
    public GatewayConfig(String host, int port, int instances, Duration heartbeatInterval, Duration pingInterval,
                         Duration pongTimeout, int queueMessages, int queueBytes, int socketBufferBytes, int maxClients,
                         int maxClientFrameBytes, Duration brokerTimeout, Duration brokerFallbackAge, int maxLogs,
                         int statsWorstSockets, Duration fanoutLinger, int fanoutBatch, int flushConsolidation,
                         int fanoutBacklog) {
        this(host, port, instances, heartbeatInterval, pingInterval, pongTimeout, queueMessages, queueBytes,
                socketBufferBytes, maxClients, maxClientFrameBytes, brokerTimeout, brokerFallbackAge, maxLogs,
                statsWorstSockets, fanoutLinger, fanoutBatch, flushConsolidation, fanoutBacklog,
                SubscriptionConfig.defaults());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }

    /**
     * One instance per core: on 2 cores, 2 instances gave lower tail lag than 4 (one per Vert.x event
     * loop) at 100k messages/s, the sockets' work being CPU-bound (bench/README.md).
     */
    public static int defaultInstances() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The documented defaults. */
    public static GatewayConfig defaults() {
        return fromEnv(new EnvReader(java.util.Map.of()));
    }

    /** Reads {@code PORT} and the {@code CERTSTREAM_*} gateway variables; a bad value names its variable. */
    public static GatewayConfig fromEnv(EnvReader env) {
        Duration zero = Duration.ZERO;
        Duration ping = env.duration("CERTSTREAM_PING_INTERVAL", Duration.ofSeconds(30), Duration.ofMillis(10), MAX_DURATION);
        Duration pong = env.duration("CERTSTREAM_PONG_TIMEOUT", Duration.ofSeconds(90), Duration.ofMillis(20), MAX_DURATION);
        if (pong.compareTo(ping) <= 0) {
            throw new ConfigException("CERTSTREAM_PONG_TIMEOUT", "must be longer than CERTSTREAM_PING_INTERVAL (" + ping + ")",
                    env.raw("CERTSTREAM_PONG_TIMEOUT") == null ? pong.toString() : env.raw("CERTSTREAM_PONG_TIMEOUT"));
        }
        return new GatewayConfig(
                env.string("CERTSTREAM_HOST", "0.0.0.0"),
                env.integer("PORT", 4000, 0, 65535),
                env.integer("CERTSTREAM_GATEWAY_INSTANCES", defaultInstances(), 1, 256),
                env.duration("CERTSTREAM_HEARTBEAT_INTERVAL", Duration.ofSeconds(10), zero, MAX_DURATION),
                ping,
                pong,
                env.integer("CERTSTREAM_QUEUE_MESSAGES", 1000, 1, 1_000_000),
                env.integer("CERTSTREAM_QUEUE_BYTES", 4 * 1024 * 1024, 1024, 1 << 30),
                env.integer("CERTSTREAM_SOCKET_BUFFER_BYTES", 64 * 1024, 1024, 64 * 1024 * 1024),
                // Each client may pin up to CERTSTREAM_SOCKET_BUFFER_BYTES of direct memory and ~15 KB of heap
                // while paused: 2,000 x 64 KB is the 128 MB of direct memory the launcher allows (README budget).
                env.integer("CERTSTREAM_MAX_CLIENTS", 2_000, 1, 1_000_000),
                env.integer("CERTSTREAM_MAX_CLIENT_FRAME_BYTES", 4096, 125, 16 * 1024 * 1024),
                env.duration("CERTSTREAM_BROKER_TIMEOUT", Duration.ofSeconds(2), Duration.ofMillis(1), Duration.ofMinutes(1)),
                env.duration("CERTSTREAM_BROKER_FALLBACK_AGE", Duration.ofSeconds(30), zero, MAX_DURATION),
                env.integer("CERTSTREAM_MAX_LOGS", 1024, 1, 100_000),
                env.integer("CERTSTREAM_STATS_WORST_SOCKETS", 10, 0, 1000),
                // 10 ms is invisible to a monitor and took p99 lag at 100k msg/s from ~300 ms to under 100 ms.
                env.duration("CERTSTREAM_FANOUT_LINGER", Duration.ofMillis(10), zero, Duration.ofSeconds(1)),
                env.integer("CERTSTREAM_FANOUT_BATCH", 1000, 1, 1_000_000),
                env.integer("CERTSTREAM_FLUSH_CONSOLIDATION", 64, 0, 1_000_000),
                // 2,000 certificates are ~14 MB and, at 1,500 certificates/s, over a second of delay.
                env.integer("CERTSTREAM_FANOUT_BACKLOG", DEFAULT_FANOUT_BACKLOG, 10, 10_000_000),
                SubscriptionConfig.fromEnv(env));
    }

    /** A copy listening on another port (tests use 0). */
    public GatewayConfig withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values of a config (tests, benchmarks); the record's constructor validates the result. */
    public static final class Builder {
        private String host;
        private int port;
        private int instances;
        private Duration heartbeatInterval;
        private Duration pingInterval;
        private Duration pongTimeout;
        private int queueMessages;
        private int queueBytes;
        private int socketBufferBytes;
        private int maxClients;
        private int maxClientFrameBytes;
        private Duration brokerTimeout;
        private Duration brokerFallbackAge;
        private int maxLogs;
        private int statsWorstSockets;
        private Duration fanoutLinger;
        private int fanoutBatch;
        private int flushConsolidation;
        private int fanoutBacklog;
        private SubscriptionConfig subscriptions;

        private Builder(GatewayConfig c) {
            host = c.host; port = c.port; instances = c.instances; heartbeatInterval = c.heartbeatInterval;
            pingInterval = c.pingInterval; pongTimeout = c.pongTimeout; queueMessages = c.queueMessages;
            queueBytes = c.queueBytes; socketBufferBytes = c.socketBufferBytes; maxClients = c.maxClients;
            maxClientFrameBytes = c.maxClientFrameBytes; brokerTimeout = c.brokerTimeout; maxLogs = c.maxLogs;
            brokerFallbackAge = c.brokerFallbackAge;
            statsWorstSockets = c.statsWorstSockets; fanoutLinger = c.fanoutLinger; fanoutBatch = c.fanoutBatch;
            flushConsolidation = c.flushConsolidation;
            fanoutBacklog = c.fanoutBacklog;
            subscriptions = c.subscriptions;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder instances(int v) { instances = v; return this; }
        public Builder heartbeatInterval(Duration v) { heartbeatInterval = v; return this; }
        public Builder ping(Duration interval, Duration timeout) { pingInterval = interval; pongTimeout = timeout; return this; }
        public Builder queue(int messages, int bytes) { queueMessages = messages; queueBytes = bytes; return this; }
        public Builder socketBufferBytes(int v) { socketBufferBytes = v; return this; }
        public Builder maxClients(int v) { maxClients = v; return this; }
        public Builder maxClientFrameBytes(int v) { maxClientFrameBytes = v; return this; }
        public Builder brokerTimeout(Duration v) { brokerTimeout = v; return this; }
        public Builder brokerFallbackAge(Duration v) { brokerFallbackAge = v; return this; }
        public Builder maxLogs(int v) { maxLogs = v; return this; }
        public Builder statsWorstSockets(int v) { statsWorstSockets = v; return this; }
        public Builder fanout(Duration linger, int batch) { fanoutLinger = linger; fanoutBatch = batch; return this; }
        public Builder flushConsolidation(int v) { flushConsolidation = v; return this; }
        public Builder fanoutBacklog(int v) { fanoutBacklog = v; return this; }
        public Builder subscriptions(SubscriptionConfig v) { subscriptions = v; return this; }

        public GatewayConfig build() {
            return new GatewayConfig(host, port, instances, heartbeatInterval, pingInterval, pongTimeout,
                    queueMessages, queueBytes, socketBufferBytes, maxClients, maxClientFrameBytes, brokerTimeout,
                    brokerFallbackAge, maxLogs, statsWorstSockets, fanoutLinger, fanoutBatch, flushConsolidation,
                    fanoutBacklog, subscriptions);
        }
    }
}
