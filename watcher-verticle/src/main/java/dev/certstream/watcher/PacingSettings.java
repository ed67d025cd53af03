package dev.certstream.watcher;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

import java.time.Duration;

/**
 * How hard the watcher presses one log and how it backs off: requests in flight, the bytes all logs together
 * may hold between fetching and publishing, the capped exponential backoff after a failure, and how often
 * a range that will not decode is tried before it is skipped.
 *
 * @param maxRequestsPerLog requests in flight per log at most (adaptive pacing stays under it)
 * @param backoffMin        first retry delay after a failure
 * @param backoffMax        cap of the exponential retry delay
 * @param maxDecodeRetries  attempts at an entry range that keeps failing to decode before it is
 *                          narrowed and skipped
 * @param fetchBudgetBytes  bytes of fetched but unpublished data (responses being rendered, rendered
 *                          envelopes waiting for their turn or for the consumers) over all logs; requests
 *                          wait for room rather than fail
 */
public record PacingSettings(int maxRequestsPerLog, Duration backoffMin, Duration backoffMax,
                             int maxDecodeRetries, long fetchBudgetBytes) {

    /** 24 MiB: it fills in a cold start with many clients, when the heap peaks (32 MiB: ~8 MB more PSS). */
    static final long DEFAULT_FETCH_BUDGET_BYTES = 25_165_824;

    public PacingSettings {
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoffMax " + backoffMax + " is below backoffMin " + backoffMin);
        }
        if (fetchBudgetBytes < 64 * 1024) {
            throw new IllegalArgumentException("fetchBudgetBytes must be at least 64 KiB: " + fetchBudgetBytes);
        }
    }

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static PacingSettings fromEnv(EnvReader env) {
        Duration backoffMin = env.duration("CERTSTREAM_BACKOFF_MIN", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(10));
        Duration backoffMax = env.duration("CERTSTREAM_BACKOFF_MAX", Duration.ofMinutes(2), Duration.ofMillis(10), Duration.ofHours(1));
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new ConfigException("CERTSTREAM_BACKOFF_MAX", "must not be below CERTSTREAM_BACKOFF_MIN", backoffMax.toString());
        }
        return new PacingSettings(
                env.integer("CERTSTREAM_REQUESTS_PER_LOG", 4, 1, 64),
                backoffMin,
                backoffMax,
                env.integer("CERTSTREAM_MAX_DECODE_RETRIES", 5, 1, 1000),
                // Requests per log x page x logs is ~290 MB for the 2026 list while catching up (4 x 1.5 MB x 48);
                // 32 MB keeps ~20 pages of 256 entries in flight (thousands of entries a second even at 1 s per
                // request) and fits the embedded default's 144 MB heap with the gateway's buffers (README budget).
                env.longValue("CERTSTREAM_FETCH_BUDGET_BYTES", DEFAULT_FETCH_BUDGET_BYTES, 64 * 1024, 1L << 40));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values (tests, the demo); the record's constructor validates the result. */
    public static final class Builder {
        private int maxRequestsPerLog;
        private Duration backoffMin;
        private Duration backoffMax;
        private int maxDecodeRetries;
        private long fetchBudgetBytes;

        private Builder(PacingSettings c) {
            maxRequestsPerLog = c.maxRequestsPerLog;
            backoffMin = c.backoffMin;
            backoffMax = c.backoffMax;
            maxDecodeRetries = c.maxDecodeRetries;
            fetchBudgetBytes = c.fetchBudgetBytes;
        }

        public Builder maxRequestsPerLog(int v) { maxRequestsPerLog = v; return this; }
        public Builder backoff(Duration min, Duration max) { backoffMin = min; backoffMax = max; return this; }
        public Builder maxDecodeRetries(int v) { maxDecodeRetries = v; return this; }
        public Builder fetchBudgetBytes(long v) { fetchBudgetBytes = v; return this; }

        public PacingSettings build() {
            return new PacingSettings(maxRequestsPerLog, backoffMin, backoffMax, maxDecodeRetries, fetchBudgetBytes);
        }
    }
}
