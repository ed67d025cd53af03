package dev.certstream.watcher;

import dev.certstream.watcher.ct.CustomLogs;
import dev.certstream.watcher.ct.LogSource;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the watcher can be told, parsed once from {@code CERTSTREAM_*} variables and validated;
 * tests start from {@link #defaults()} and change what they need with {@link #toBuilder()}.
 *
 * @param logListUrl         Google log list v3 to follow
 * @param logListRefresh     how often the list is read again
 * @param includePending     whether logs in the {@code pending} state are followed
 * @param customLogs         logs added by configuration ({@link CustomLogs} syntax)
 * @param dataDir            where the last good log list and the progress file are kept
 * @param pollInterval       how often a caught-up log's tree head is read
 * @param batchSize          entries asked for per get-entries request before the log's page cap is learnt
 * @param maxRequestsPerLog  requests in flight per log at most (adaptive pacing stays under it)
 * @param requestTimeout     deadline of every HTTP request
 * @param backoffMin         first retry delay after a failure
 * @param backoffMax         cap of the exponential retry delay
 * @param maxResponseBytes   largest response body accepted, and largest decompressed tile
 * @param issuerCacheSize    issuer certificates kept (static-ct-api {@code /issuer/} fetches)
 * @param chainCacheSize     rendered chain certificates kept
 * @param partialTileWait    how long a tailing reader waits for a full tile before reading a partial one
 * @param parseThreads       worker threads that decode and render entries
 * @param statusInterval     how often per-log status is published
 * @param progressFlush      how often progress is written (file or cluster)
 * @param maxDecodeRetries   attempts at an entry range that keeps failing to decode before it is skipped
 * @param rebalanceInterval  clustered watchers: how often ownership of the logs is re-checked
 * @param progressDelay      clustered watchers: how long after publishing an index is saved as progress
 * @param bundledLogList     whether the snapshot of Google's list bundled in the jar may stand in when the
 *                           list URL and the last good copy both fail (never for a custom list: it would
 *                           make a private or test deployment follow the real logs)
 */
public record WatcherConfig(URI logListUrl, Duration logListRefresh, boolean includePending,
                            List<LogSource> customLogs, Path dataDir, Duration pollInterval, int batchSize,
                            int maxRequestsPerLog, Duration requestTimeout, Duration backoffMin,
                            Duration backoffMax, int maxResponseBytes, int issuerCacheSize,
                            int chainCacheSize, Duration partialTileWait, int parseThreads,
                            Duration statusInterval, Duration progressFlush, int maxDecodeRetries,
                            Duration rebalanceInterval, Duration progressDelay, boolean bundledLogList) {

    public static final String DEFAULT_LOG_LIST = "https://www.gstatic.com/ct/log_list/v3/log_list.json";

    public WatcherConfig {
        Objects.requireNonNull(logListUrl, "logListUrl");
        customLogs = List.copyOf(customLogs);
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoffMax " + backoffMax + " is below backoffMin " + backoffMin);
        }
    }

    /** The defaults the README documents. */
    public static WatcherConfig defaults() {
        return fromEnv(new EnvReader(Map.of()));
    }

    public static WatcherConfig fromEnv(EnvReader env) {
        Duration backoffMin = env.duration("CERTSTREAM_BACKOFF_MIN", Duration.ofSeconds(1),
                Duration.ofMillis(10), Duration.ofMinutes(10));
        Duration backoffMax = env.duration("CERTSTREAM_BACKOFF_MAX", Duration.ofMinutes(2),
                Duration.ofMillis(10), Duration.ofHours(1));
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new ConfigException("CERTSTREAM_BACKOFF_MAX", "must not be below CERTSTREAM_BACKOFF_MIN",
                    backoffMax.toString());
        }
        URI logListUrl = env.url("CERTSTREAM_LOG_LIST_URL", DEFAULT_LOG_LIST);
        return new WatcherConfig(
                logListUrl,
                env.duration("CERTSTREAM_LOG_LIST_REFRESH", Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(7)),
                env.bool("CERTSTREAM_INCLUDE_PENDING", false),
                CustomLogs.parse("CERTSTREAM_CUSTOM_LOGS", env.string("CERTSTREAM_CUSTOM_LOGS", "")),
                Path.of(env.string("CERTSTREAM_DATA_DIR", "var")),
                env.duration("CERTSTREAM_POLL_INTERVAL", Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofHours(1)),
                // 256 is what most logs serve per page; the reader shrinks it to a log's observed cap.
                env.integer("CERTSTREAM_BATCH_SIZE", 256, 1, 10_000),
                env.integer("CERTSTREAM_REQUESTS_PER_LOG", 4, 1, 64),
                // Slow logs take up to 14 s for a page; 30 s leaves room without hanging on a dead peer.
                env.duration("CERTSTREAM_REQUEST_TIMEOUT", Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofMinutes(10)),
                backoffMin, backoffMax,
                // A 1000-entry page with chains is ~8 MB of JSON; a full tile well under 1 MB decompressed.
                env.integer("CERTSTREAM_MAX_RESPONSE_BYTES", 32 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
                // Hundreds of distinct issuers exist across all logs; a few thousand covers them with room.
                env.integer("CERTSTREAM_ISSUER_CACHE", 4096, 1, 1_000_000),
                env.integer("CERTSTREAM_CHAIN_CACHE", 4096, 1, 1_000_000),
                env.duration("CERTSTREAM_PARTIAL_TILE_WAIT", Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1)),
                env.integer("CERTSTREAM_PARSE_THREADS", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 256),
                env.duration("CERTSTREAM_STATUS_INTERVAL", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(1)),
                env.duration("CERTSTREAM_PROGRESS_FLUSH", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1)),
                env.integer("CERTSTREAM_MAX_DECODE_RETRIES", 5, 1, 1000),
                env.duration("CERTSTREAM_REBALANCE_INTERVAL", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(10)),
                // Long enough for published messages to leave a killed watcher's buffers before it counts.
                env.duration("CERTSTREAM_PROGRESS_DELAY", Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(10)),
                env.bool("CERTSTREAM_BUNDLED_LOG_LIST", logListUrl.toString().equals(DEFAULT_LOG_LIST)));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values of a config (tests, the demo); the record's constructor validates the result. */
    public static final class Builder {
        private URI logListUrl;
        private Duration logListRefresh;
        private boolean includePending;
        private List<LogSource> customLogs;
        private Path dataDir;
        private Duration pollInterval;
        private int batchSize;
        private int maxRequestsPerLog;
        private Duration requestTimeout;
        private Duration backoffMin;
        private Duration backoffMax;
        private int maxResponseBytes;
        private int issuerCacheSize;
        private int chainCacheSize;
        private Duration partialTileWait;
        private int parseThreads;
        private Duration statusInterval;
        private Duration progressFlush;
        private int maxDecodeRetries;
        private Duration rebalanceInterval;
        private Duration progressDelay;
        private boolean bundledLogList;

        private Builder(WatcherConfig c) {
            logListUrl = c.logListUrl; logListRefresh = c.logListRefresh; includePending = c.includePending;
            customLogs = c.customLogs; dataDir = c.dataDir; pollInterval = c.pollInterval; batchSize = c.batchSize;
            maxRequestsPerLog = c.maxRequestsPerLog; requestTimeout = c.requestTimeout; backoffMin = c.backoffMin;
            backoffMax = c.backoffMax; maxResponseBytes = c.maxResponseBytes; issuerCacheSize = c.issuerCacheSize;
            chainCacheSize = c.chainCacheSize; partialTileWait = c.partialTileWait; parseThreads = c.parseThreads;
            statusInterval = c.statusInterval; progressFlush = c.progressFlush; maxDecodeRetries = c.maxDecodeRetries;
            rebalanceInterval = c.rebalanceInterval; progressDelay = c.progressDelay; bundledLogList = c.bundledLogList;
        }

        /** Also decides {@link #bundledLogList}: allowed for Google's list only (override after, if needed). */
        public Builder logListUrl(URI v) {
            logListUrl = v;
            bundledLogList = v.toString().equals(DEFAULT_LOG_LIST);
            return this;
        }
        public Builder logListRefresh(Duration v) { logListRefresh = v; return this; }
        public Builder includePending(boolean v) { includePending = v; return this; }
        public Builder customLogs(List<LogSource> v) { customLogs = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder pollInterval(Duration v) { pollInterval = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder backoff(Duration min, Duration max) { backoffMin = min; backoffMax = max; return this; }
        public Builder partialTileWait(Duration v) { partialTileWait = v; return this; }
        public Builder statusInterval(Duration v) { statusInterval = v; return this; }
        public Builder progressFlush(Duration v) { progressFlush = v; return this; }
        public Builder rebalanceInterval(Duration v) { rebalanceInterval = v; return this; }
        public Builder progressDelay(Duration v) { progressDelay = v; return this; }
        public Builder bundledLogList(boolean v) { bundledLogList = v; return this; }

        public WatcherConfig build() {
            return new WatcherConfig(logListUrl, logListRefresh, includePending, customLogs, dataDir, pollInterval,
                    batchSize, maxRequestsPerLog, requestTimeout, backoffMin, backoffMax, maxResponseBytes,
                    issuerCacheSize, chainCacheSize, partialTileWait, parseThreads, statusInterval, progressFlush,
                    maxDecodeRetries, rebalanceInterval, progressDelay, bundledLogList);
        }
    }
}
