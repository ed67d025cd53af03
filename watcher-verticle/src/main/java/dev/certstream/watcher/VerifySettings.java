package dev.certstream.watcher;

import dev.certstream.node.EnvReader;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Whether and how entries are checked against their log's signed tree before or after they are published.
 *
 * @param mode       {@link Mode#BEFORE_PUBLISH} (the default: an entry waits until a signed head covering it
 *                   checked out), {@link Mode#AFTER_PUBLISH} (published at once, checked when its range closes)
 *                   or {@link Mode#OFF}
 * @param holdLimit  entries of one log held at most while they wait (their rendered messages, ~8 KB each):
 *                   past it the oldest are published unverified, so a log catching up cannot fill the heap
 * @param maxWait    how long an entry waits at most (then it is published unverified): freshness wins
 *                   over a proof that is slow to come
 * @param maxPending leaf hashes (32 bytes each) kept per log while the frontier is fetched from a proof;
 *                   past it they are dropped and a later leaf is placed instead
 */
public record VerifySettings(Mode mode, int holdLimit, Duration maxWait, int maxPending) {

    /** When entries are checked against the signed tree. */
    public enum Mode {
        BEFORE_PUBLISH, AFTER_PUBLISH, OFF;

        /** The word in {@code CERTSTREAM_VERIFY}: {@code before-publish}, {@code after-publish}, {@code off}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public VerifySettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(maxWait, "maxWait");
        if (holdLimit < 1 || maxPending < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("holdLimit, maxPending >= 1 and maxWait >= 0 needed");
        }
    }

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static VerifySettings fromEnv(EnvReader env) {
        String mode = env.choice("CERTSTREAM_VERIFY", "before-publish", "before-publish", "after-publish", "off");
        return new VerifySettings(Mode.valueOf(mode.toUpperCase(Locale.ROOT).replace('-', '_')),
                // A head's range is a few hundred entries in steady state; thousands only while catching up.
                env.integer("CERTSTREAM_VERIFY_HOLD", 2048, 1, 1_000_000),
                env.duration("CERTSTREAM_VERIFY_WAIT", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(10)),
                // 2 MiB per log: a minute of a busy log's leaves while one proof is asked.
                env.integer("CERTSTREAM_VERIFY_PENDING", 65_536, 1, 16_777_216));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values (tests, the demo); the record's constructor validates the result. */
    public static final class Builder {
        private Mode mode;
        private int holdLimit;
        private Duration maxWait;
        private int maxPending;

        private Builder(VerifySettings c) {
            mode = c.mode;
            holdLimit = c.holdLimit;
            maxWait = c.maxWait;
            maxPending = c.maxPending;
        }

        public Builder mode(Mode v) { mode = v; return this; }
        public Builder holdLimit(int v) { holdLimit = v; return this; }
        public Builder maxWait(Duration v) { maxWait = v; return this; }
        public Builder maxPending(int v) { maxPending = v; return this; }

        public VerifySettings build() {
            return new VerifySettings(mode, holdLimit, maxWait, maxPending);
        }
    }
}
