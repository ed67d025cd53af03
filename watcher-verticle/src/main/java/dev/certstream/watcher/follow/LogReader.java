package dev.certstream.watcher.follow;

import dev.certstream.watcher.ct.LogClient;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.verify.SignedTreeHead;
import dev.certstream.watcher.verify.TreeProofs;

import io.vertx.core.Future;

/** How a {@link LogFollower} reads one log, whatever API the log speaks. */
public interface LogReader {

    LogSource source();

    /** How this log is asked: its operator's budget and the bytes it cost so far. */
    LogClient client();

    /**
     * The tree size to follow now: the log's head (an STH, a verified checkpoint), possibly held back
     * (a tiled log's partial tile is awaited for a while).
     */
    Future<Long> fetchTreeSize();

    /** Requests never cross a multiple of this (256 for tiles, 1 for RFC 6962). */
    int alignment();

    /**
     * Reads, decodes and renders [range.start, range.end); the batch may cover fewer entries (a short
     * page), never more, and always starts at range.start. Decoding and rendering run off the event loop.
     */
    Future<RenderedBatch> fetch(EntryRange range);

    /** The signed head behind the last tree size read, or null when the log's heads are not signed (no key). */
    SignedTreeHead lastHead();

    /** How the log proves where a leaf stands in its tree, for its verifier. */
    TreeProofs proofs();
}
