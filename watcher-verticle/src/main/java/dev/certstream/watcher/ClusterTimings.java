package dev.certstream.watcher;

import dev.certstream.node.EnvReader;

import java.time.Duration;

/**
 * How clustered watchers share the logs: how often ownership is checked, and how long after publishing
 * an index counts as progress.
 *
 * @param rebalanceInterval how often ownership of the logs is re-checked
 * @param progressDelay     how long after publishing an index is saved as progress
 */
public record ClusterTimings(Duration rebalanceInterval, Duration progressDelay) {

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static ClusterTimings fromEnv(EnvReader env) {
        return new ClusterTimings(
                env.duration("CERTSTREAM_REBALANCE_INTERVAL", Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMinutes(10)),
                // Long enough for published messages to leave a killed watcher's buffers before it counts.
                env.duration("CERTSTREAM_PROGRESS_DELAY", Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(10)));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values (tests, the demo); the record's constructor validates the result. */
    public static final class Builder {
        private Duration rebalanceInterval;
        private Duration progressDelay;

        private Builder(ClusterTimings c) {
            rebalanceInterval = c.rebalanceInterval;
            progressDelay = c.progressDelay;
        }

        public Builder rebalanceInterval(Duration v) { rebalanceInterval = v; return this; }
        public Builder progressDelay(Duration v) { progressDelay = v; return this; }

        public ClusterTimings build() {
            return new ClusterTimings(rebalanceInterval, progressDelay);
        }
    }
}
