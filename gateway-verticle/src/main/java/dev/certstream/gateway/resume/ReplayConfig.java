package dev.certstream.gateway.resume;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a gateway lets clients resume: its replay buffer's bounds and place, how often clients that ask get a
 * cursor, and how it asks a peer gateway for what its own buffer lacks.
 *
 * @param dataDir        the buffer lives in {@code <dataDir>/replay/<gateway id>/} (an emptyDir volume on
 *                       Kubernetes: the pods' root filesystem is read-only)
 * @param maxBytes       compressed bytes the buffer keeps on disk; 0 turns the buffer off (resumes then get
 *                       gap notices for everything they missed)
 * @param maxAge         the buffer forgets entries older than this
 * @param blockBytes     uncompressed bytes deflated as one block: a resume reads at least one block, and the
 *                       in-memory index costs about 600 bytes per block
 * @param readThreads    threads reading and inflating blocks for resuming clients; each holds one inflated
 *                       block at a time, so this bounds the memory replays take besides the client queues
 * @param cursorInterval how often a client that asked gets a {@code cursor} message while its position moves
 * @param peerTimeout    how long one request to a peer gateway may take before the next peer is asked
 * @param maxUnwrittenBytes uncompressed bytes of sealed blocks the writer may lag behind (a burst passes; past
 *                       it the writer is not keeping up and the oldest block is dropped); they are live heap
 *                       for as long as they wait, so at the ingest ceiling the bound is old-generation churn
 */
public record ReplayConfig(Path dataDir, long maxBytes, Duration maxAge, int blockBytes, int readThreads,
                           Duration cursorInterval, Duration peerTimeout, long maxUnwrittenBytes) {

    public ReplayConfig {
        require(dataDir != null, "dataDir must be set");
        require(maxBytes == 0 || maxBytes >= 1 << 20, "maxBytes must be 0 (off) or at least 1 MB: " + maxBytes);
        require(maxAge.toMillis() >= 1000, "maxAge must be at least 1s: " + maxAge);
        require(blockBytes >= 4096 && blockBytes <= 64 << 20, "blockBytes must be 4 KB..64 MB: " + blockBytes);
        require(readThreads >= 1, "readThreads must be positive: " + readThreads);
        require(cursorInterval.toMillis() >= 10, "cursorInterval must be at least 10ms: " + cursorInterval);
        require(peerTimeout.toMillis() >= 1, "peerTimeout must be positive: " + peerTimeout);
        require(maxUnwrittenBytes >= 1 << 20, "maxUnwrittenBytes must be at least 1 MB: " + maxUnwrittenBytes);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }

    public static ReplayConfig defaults() {
        return fromEnv(new EnvReader(java.util.Map.of()));
    }

    /** Reads the {@code CERTSTREAM_REPLAY_*} variables, {@code CERTSTREAM_CURSOR_INTERVAL} and the data directory. */
    public static ReplayConfig fromEnv(EnvReader env) {
        return new ReplayConfig(
                Path.of(env.string("CERTSTREAM_DATA_DIR", "var")),
                // 2 GB holds about 10 minutes of the 2026 firehose (1,500 certificates/s, ~3 MB/s deflated; README).
                env.longValue("CERTSTREAM_REPLAY_MAX_BYTES", 2048 * 1024 * 1024L, 0, 1L << 44),
                env.duration("CERTSTREAM_REPLAY_MAX_AGE", Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofDays(7)),
                env.integer("CERTSTREAM_REPLAY_BLOCK_BYTES", 1024 * 1024, 4096, 64 << 20),
                env.integer("CERTSTREAM_REPLAY_THREADS", 2, 1, 256),
                env.duration("CERTSTREAM_CURSOR_INTERVAL", Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMinutes(1)),
                env.duration("CERTSTREAM_REPLAY_PEER_TIMEOUT", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMinutes(5)),
                // 32 MB: two to three seconds of the simulator's firehose (its envelopes are ~11 KB), ~3.5 of the real feed's.
                env.longValue("CERTSTREAM_REPLAY_MAX_UNWRITTEN_BYTES", 32 * 1024 * 1024L, 1 << 20, 1L << 32));
    }

    public boolean enabled() {
        return maxBytes > 0;
    }

    /** Segment files: a sixteenth of the bound (4 to 64 MB), so the disk holds at most one segment more. */
    long segmentBytes() {
        return Math.min(64L << 20, Math.max(4L << 20, maxBytes / 16));
    }

    public ReplayConfig withDataDir(Path dir) {
        return new ReplayConfig(dir, maxBytes, maxAge, blockBytes, readThreads, cursorInterval, peerTimeout, maxUnwrittenBytes);
    }

    public ReplayConfig withBounds(long bytes, Duration age) {
        return new ReplayConfig(dataDir, bytes, age, blockBytes, readThreads, cursorInterval, peerTimeout, maxUnwrittenBytes);
    }

    public ReplayConfig withBlockBytes(int bytes) {
        return new ReplayConfig(dataDir, maxBytes, maxAge, bytes, readThreads, cursorInterval, peerTimeout, maxUnwrittenBytes);
    }

    public ReplayConfig withCursorInterval(Duration interval) {
        return new ReplayConfig(dataDir, maxBytes, maxAge, blockBytes, readThreads, interval, peerTimeout, maxUnwrittenBytes);
    }
}
