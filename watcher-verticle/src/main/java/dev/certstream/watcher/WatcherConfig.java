package dev.certstream.watcher;

import dev.certstream.node.EnvReader;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything the watcher can be told, in groups, each parsed once from its {@code CERTSTREAM_*} variables
 * and validated by its own record (a new setting goes into one group's file); tests start from
 * {@link #defaults()} and change what they need with {@link #toBuilder()}.
 *
 * @param logList  which logs to follow
 * @param fetching how each request to a log goes
 * @param pacing   requests in flight per log, backoff, decode retries
 * @param decoding worker threads and certificate caches
 * @param progress the data directory and how often progress and state are recorded
 * @param cluster  clustered watchers' rebalance and progress timings
 * @param politeness the User-Agent's contact and the request budget per log operator
 * @param verify   whether entries are checked against their log's signed tree before or after publishing
 */
public record WatcherConfig(LogListSettings logList, FetchSettings fetching, PacingSettings pacing,
                            DecodeSettings decoding, ProgressSettings progress, ClusterTimings cluster,
                            PolitenessSettings politeness, VerifySettings verify) {

    /** Google's log list, the default {@code CERTSTREAM_LOG_LIST_URL}. */
    public static final String DEFAULT_LOG_LIST = LogListSettings.DEFAULT_URL;

    public WatcherConfig {
        Objects.requireNonNull(logList, "logList");
        Objects.requireNonNull(fetching, "fetching");
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(decoding, "decoding");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(politeness, "politeness");
        Objects.requireNonNull(verify, "verify");
    }

    /** The defaults the README documents. */
    public static WatcherConfig defaults() {
        return fromEnv(new EnvReader(Map.of()));
    }

    /** Reads every group's variables; a bad value stops the process naming its variable. */
    public static WatcherConfig fromEnv(EnvReader env) {
        return new WatcherConfig(LogListSettings.fromEnv(env), FetchSettings.fromEnv(env), PacingSettings.fromEnv(env),
                DecodeSettings.fromEnv(env), ProgressSettings.fromEnv(env), ClusterTimings.fromEnv(env),
                PolitenessSettings.fromEnv(env), VerifySettings.fromEnv(env));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Changes a few values of a config (tests, the demo), group by group:
     * {@code config.toBuilder().fetching(f -> f.pollInterval(Duration.ofSeconds(1))).build()}.
     */
    public static final class Builder {
        private LogListSettings logList;
        private FetchSettings fetching;
        private PacingSettings pacing;
        private DecodeSettings decoding;
        private ProgressSettings progress;
        private ClusterTimings cluster;
        private PolitenessSettings politeness;
        private VerifySettings verify;

        private Builder(WatcherConfig c) {
            logList = c.logList;
            fetching = c.fetching;
            pacing = c.pacing;
            decoding = c.decoding;
            progress = c.progress;
            cluster = c.cluster;
            politeness = c.politeness;
            verify = c.verify;
        }

        public Builder logList(UnaryOperator<LogListSettings.Builder> change) {
            logList = change.apply(logList.toBuilder()).build();
            return this;
        }

        public Builder fetching(UnaryOperator<FetchSettings.Builder> change) {
            fetching = change.apply(fetching.toBuilder()).build();
            return this;
        }

        public Builder pacing(UnaryOperator<PacingSettings.Builder> change) {
            pacing = change.apply(pacing.toBuilder()).build();
            return this;
        }

        public Builder decoding(UnaryOperator<DecodeSettings.Builder> change) {
            decoding = change.apply(decoding.toBuilder()).build();
            return this;
        }

        public Builder progress(UnaryOperator<ProgressSettings.Builder> change) {
            progress = change.apply(progress.toBuilder()).build();
            return this;
        }

        public Builder cluster(UnaryOperator<ClusterTimings.Builder> change) {
            cluster = change.apply(cluster.toBuilder()).build();
            return this;
        }

        public Builder politeness(UnaryOperator<PolitenessSettings.Builder> change) {
            politeness = change.apply(politeness.toBuilder()).build();
            return this;
        }

        public Builder verify(UnaryOperator<VerifySettings.Builder> change) {
            verify = change.apply(verify.toBuilder()).build();
            return this;
        }

        public WatcherConfig build() {
            return new WatcherConfig(logList, fetching, pacing, decoding, progress, cluster, politeness, verify);
        }
    }
}
