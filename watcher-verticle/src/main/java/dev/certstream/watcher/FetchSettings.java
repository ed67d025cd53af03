package dev.certstream.watcher;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

import java.time.Duration;

/**
 * How the watcher asks a log for entries: how often a log's head is read (while it grows and once it is
 * quiet), how much one request asks for, how long it may take and how large its answer may be, and
 * when a tiled log's partial tiles are read.
 *
 * @param pollInterval         how often the head of a growing log is read
 * @param quietPolls           head reads in a row that find nothing new before the interval starts doubling
 * @param quietPollMax         the longest interval between head reads of a log that stays quiet
 * @param batchSize            entries asked for per get-entries request before the log's page cap is
 *                             learnt
 * @param requestTimeout       deadline of every HTTP request
 * @param maxResponseBytes     largest response body accepted, and largest decompressed tile
 * @param partialTileWait      how long a tailing reader holds the head back to the last full tile before
 *                             reading a partial one
 * @param wholePartialInterval on a log that ignores Range (each partial read fetches the whole prefix
 *                             again): the least time between two reads of one tile's partials
 */
public record FetchSettings(Duration pollInterval, int quietPolls, Duration quietPollMax, int batchSize,
                            Duration requestTimeout, int maxResponseBytes, Duration partialTileWait,
                            Duration wholePartialInterval) {

    public FetchSettings {
        if (quietPollMax.compareTo(pollInterval) < 0) {
            throw new IllegalArgumentException("quietPollMax " + quietPollMax + " is below pollInterval " + pollInterval);
        }
    }

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static FetchSettings fromEnv(EnvReader env) {
        // Checkpoints and STHs of busy logs come about every second: reading the head as often keeps the
        // wait for a new entry near the log's own publishing interval (the freshness target, README).
        Duration poll = env.duration("CERTSTREAM_POLL_INTERVAL", Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofHours(1));
        // Five empty reads in a row: a log at one entry a second is rarely that quiet, a frozen one is at once.
        int quietPolls = env.integer("CERTSTREAM_QUIET_POLLS", 5, 1, 1000);
        Duration quietMax = env.duration("CERTSTREAM_QUIET_POLL_MAX", Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofHours(1));
        if (quietMax.compareTo(poll) < 0) {
            throw new ConfigException("CERTSTREAM_QUIET_POLL_MAX", "must not be below CERTSTREAM_POLL_INTERVAL", quietMax.toString());
        }
        return new FetchSettings(poll, quietPolls, quietMax,
                // 256 is what most logs serve per page; the reader shrinks it to a log's observed cap.
                env.integer("CERTSTREAM_BATCH_SIZE", 256, 1, 10_000),
                // Slow logs take up to 14 s for a page; 30 s leaves room without hanging on a dead peer.
                env.duration("CERTSTREAM_REQUEST_TIMEOUT", Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMinutes(10)),
                // A 1000-entry page with chains is ~8 MB of JSON; a full tile well under 1 MB decompressed.
                env.integer("CERTSTREAM_MAX_RESPONSE_BYTES", 32 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
                // A partial read asks only for the bytes not held yet (Range), so waiting buys nothing but delay.
                env.duration("CERTSTREAM_PARTIAL_TILE_WAIT", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)),
                // Without Range every read repeats the prefix (half a tile on average): at most one per 5 s.
                env.duration("CERTSTREAM_WHOLE_PARTIAL_INTERVAL", Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1)));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values (tests, the demo); the record's constructor validates the result. */
    public static final class Builder {
        private Duration pollInterval;
        private int quietPolls;
        private Duration quietPollMax;
        private int batchSize;
        private Duration requestTimeout;
        private int maxResponseBytes;
        private Duration partialTileWait;
        private Duration wholePartialInterval;

        private Builder(FetchSettings c) {
            pollInterval = c.pollInterval;
            quietPolls = c.quietPolls;
            quietPollMax = c.quietPollMax;
            batchSize = c.batchSize;
            requestTimeout = c.requestTimeout;
            maxResponseBytes = c.maxResponseBytes;
            partialTileWait = c.partialTileWait;
            wholePartialInterval = c.wholePartialInterval;
        }

        /** Also raises the quiet maximum to it when it was below. */
        public Builder pollInterval(Duration v) {
            pollInterval = v;
            quietPollMax = quietPollMax.compareTo(v) < 0 ? v : quietPollMax;
            return this;
        }

        public Builder quietPolls(int count, Duration max) { quietPolls = count; quietPollMax = max; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder maxResponseBytes(int v) { maxResponseBytes = v; return this; }
        public Builder partialTileWait(Duration v) { partialTileWait = v; return this; }
        public Builder wholePartialInterval(Duration v) { wholePartialInterval = v; return this; }

        public FetchSettings build() {
            return new FetchSettings(pollInterval, quietPolls, quietPollMax, batchSize, requestTimeout, maxResponseBytes,
                    partialTileWait, wholePartialInterval);
        }
    }
}
