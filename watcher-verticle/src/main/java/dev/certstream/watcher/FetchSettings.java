package dev.certstream.watcher;

import dev.certstream.node.EnvReader;

import java.time.Duration;

/**
 * How the watcher asks a log for entries: how often a caught-up log's head is read, how much one
 * request asks for, how long it may take and how large its answer may be.
 *
 * @param pollInterval     how often a caught-up log's tree head is read
 * @param batchSize        entries asked for per get-entries request before the log's page cap is
 *                         learnt
 * @param requestTimeout   deadline of every HTTP request
 * @param maxResponseBytes largest response body accepted, and largest decompressed tile
 * @param partialTileWait  how long a tailing reader waits for a full tile before reading a partial
 *                         one
 */
public record FetchSettings(Duration pollInterval, int batchSize, Duration requestTimeout,
                            int maxResponseBytes, Duration partialTileWait) {

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static FetchSettings fromEnv(EnvReader env) {
        return new FetchSettings(
                env.duration("CERTSTREAM_POLL_INTERVAL", Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofHours(1)),
                // 256 is what most logs serve per page; the reader shrinks it to a log's observed cap.
                env.integer("CERTSTREAM_BATCH_SIZE", 256, 1, 10_000),
                // Slow logs take up to 14 s for a page; 30 s leaves room without hanging on a dead peer.
                env.duration("CERTSTREAM_REQUEST_TIMEOUT", Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMinutes(10)),
                // A 1000-entry page with chains is ~8 MB of JSON; a full tile well under 1 MB decompressed.
                env.integer("CERTSTREAM_MAX_RESPONSE_BYTES", 32 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
                env.duration("CERTSTREAM_PARTIAL_TILE_WAIT", Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1)));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values (tests, the demo); the record's constructor validates the result. */
    public static final class Builder {
        private Duration pollInterval;
        private int batchSize;
        private Duration requestTimeout;
        private int maxResponseBytes;
        private Duration partialTileWait;

        private Builder(FetchSettings c) {
            pollInterval = c.pollInterval;
            batchSize = c.batchSize;
            requestTimeout = c.requestTimeout;
            maxResponseBytes = c.maxResponseBytes;
            partialTileWait = c.partialTileWait;
        }

        public Builder pollInterval(Duration v) { pollInterval = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder maxResponseBytes(int v) { maxResponseBytes = v; return this; }
        public Builder partialTileWait(Duration v) { partialTileWait = v; return this; }

        public FetchSettings build() {
            return new FetchSettings(pollInterval, batchSize, requestTimeout, maxResponseBytes, partialTileWait);
        }
    }
}
