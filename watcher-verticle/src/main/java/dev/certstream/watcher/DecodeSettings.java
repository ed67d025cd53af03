package dev.certstream.watcher;

import dev.certstream.node.EnvReader;

/**
 * What decoding and rendering entries may use: worker threads, and how many issuer and chain
 * certificates are kept (they repeat constantly).
 *
 * @param parseThreads    worker threads that decode and render entries
 * @param issuerCacheSize issuer certificates kept (static-ct-api {@code /issuer/} fetches)
 * @param chainCacheSize  rendered chain certificates kept
 */
public record DecodeSettings(int parseThreads, int issuerCacheSize, int chainCacheSize) {

    /** Reads the variables; a bad value stops the process naming its variable. */
    public static DecodeSettings fromEnv(EnvReader env) {
        return new DecodeSettings(
                env.integer("CERTSTREAM_PARSE_THREADS", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 256),
                // Hundreds of distinct issuers exist across all logs; a few thousand covers them with room.
                env.integer("CERTSTREAM_ISSUER_CACHE", 4096, 1, 1_000_000),
                env.integer("CERTSTREAM_CHAIN_CACHE", 4096, 1, 1_000_000));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few values (tests, the demo); the record's constructor validates the result. */
    public static final class Builder {
        private int parseThreads;
        private int issuerCacheSize;
        private int chainCacheSize;

        private Builder(DecodeSettings c) {
            parseThreads = c.parseThreads;
            issuerCacheSize = c.issuerCacheSize;
            chainCacheSize = c.chainCacheSize;
        }

        public Builder parseThreads(int v) { parseThreads = v; return this; }
        public Builder issuerCacheSize(int v) { issuerCacheSize = v; return this; }
        public Builder chainCacheSize(int v) { chainCacheSize = v; return this; }

        public DecodeSettings build() {
            return new DecodeSettings(parseThreads, issuerCacheSize, chainCacheSize);
        }
    }
}
