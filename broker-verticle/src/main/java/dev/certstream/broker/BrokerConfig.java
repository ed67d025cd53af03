package dev.certstream.broker;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

import java.time.Duration;

/**
 * What a broker keeps, validated once; {@link #fromEnv} is for a {@code Main}, tests build the record.
 *
 * @param ringSize how many lite messages {@code /latest.json} returns; bounded because the whole ring is
 *                 copied into every reply and every state snapshot
 * @param maxLogs  how many logs the per-log table and the duplicate filter remember; bounded so that a
 *                 stream of bogus log URLs cannot grow the heap (real deployments follow ~100 logs)
 * @param maxSyncBacklog certificates a starting replica holds while it copies a peer's state (a few
 *                 seconds of traffic); past it the oldest are dropped from its counts, never from the streams
 * @param syncDelay how long a replica listens before it copies a peer's state: Vert.x tells the other
 *                 members about a new subscription asynchronously (after a Hazelcast merge it took about a
 *                 second here), and a copy taken before the watchers see the subscription misses whatever
 *                 they publish in between
 */
public record BrokerConfig(int ringSize, int maxLogs, int maxSyncBacklog, Duration syncDelay) {

    public static final int DEFAULT_RING_SIZE = 25;
    public static final int DEFAULT_MAX_LOGS = 1024;
    public static final int DEFAULT_MAX_SYNC_BACKLOG = 100_000;
    public static final Duration DEFAULT_SYNC_DELAY = Duration.ofSeconds(3);
    static final int MAX_RING_SIZE = 10_000;
    static final int MAX_MAX_LOGS = 100_000;

    public BrokerConfig {
        if (ringSize < 1 || ringSize > MAX_RING_SIZE) {
            throw new ConfigException("ringSize must be between 1 and " + MAX_RING_SIZE + ": " + ringSize);
        }
        if (maxLogs < 1 || maxLogs > MAX_MAX_LOGS) {
            throw new ConfigException("maxLogs must be between 1 and " + MAX_MAX_LOGS + ": " + maxLogs);
        }
        if (maxSyncBacklog < 1) {
            throw new ConfigException("maxSyncBacklog must be positive: " + maxSyncBacklog);
        }
        if (syncDelay == null || syncDelay.isNegative()) {
            throw new ConfigException("syncDelay must not be negative: " + syncDelay);
        }
    }

    /** The given bounds with the default sync delay (a broker that never copies a peer ignores it). */
    public BrokerConfig(int ringSize, int maxLogs, int maxSyncBacklog) {
        this(ringSize, maxLogs, maxSyncBacklog, DEFAULT_SYNC_DELAY);
    }

    /** The documented defaults. */
    public static BrokerConfig defaults() {
        return new BrokerConfig(DEFAULT_RING_SIZE, DEFAULT_MAX_LOGS, DEFAULT_MAX_SYNC_BACKLOG);
    }

    /** Reads the {@code CERTSTREAM_*} broker variables; a bad value names its variable. */
    public static BrokerConfig fromEnv(EnvReader env) {
        return new BrokerConfig(
                env.integer("CERTSTREAM_RING_SIZE", DEFAULT_RING_SIZE, 1, MAX_RING_SIZE),
                env.integer("CERTSTREAM_MAX_LOGS", DEFAULT_MAX_LOGS, 1, MAX_MAX_LOGS),
                env.integer("CERTSTREAM_BROKER_SYNC_BACKLOG", DEFAULT_MAX_SYNC_BACKLOG, 1, 10_000_000),
                env.duration("CERTSTREAM_BROKER_SYNC_DELAY", DEFAULT_SYNC_DELAY, Duration.ZERO, Duration.ofMinutes(1)));
    }
}
