package dev.certstream.watcher;

import dev.certstream.node.EnvReader;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the watcher keeps what it must not forget (the last good log list, the single-JVM progress
 * file) and how often it records progress and reports each log's state.
 *
 * @param dataDir        where the last good log list and the progress file are kept
 * @param progressFlush  how often progress is written (file or cluster)
 * @param statusInterval how often per-log state is published
 */
public record ProgressSettings(Path dataDir, Duration progressFlush, Duration statusInterval) {

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static ProgressSettings fromEnv(EnvReader env) {
        return new ProgressSettings(
                Path.of(env.string("CERTSTREAM_DATA_DIR", "var")),
                env.duration("CERTSTREAM_PROGRESS_FLUSH", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofHours(1)),
                env.duration("CERTSTREAM_STATUS_INTERVAL", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(1)));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values (tests, the demo); the record's constructor validates the result. */
    public static final class Builder {
        private Path dataDir;
        private Duration progressFlush;
        private Duration statusInterval;

        private Builder(ProgressSettings c) {
            dataDir = c.dataDir;
            progressFlush = c.progressFlush;
            statusInterval = c.statusInterval;
        }

        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder progressFlush(Duration v) { progressFlush = v; return this; }
        public Builder statusInterval(Duration v) { statusInterval = v; return this; }

        public ProgressSettings build() {
            return new ProgressSettings(dataDir, progressFlush, statusInterval);
        }
    }
}
