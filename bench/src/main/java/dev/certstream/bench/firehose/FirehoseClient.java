package dev.certstream.bench.firehose;

import dev.certstream.bench.IndexGaps;
import dev.certstream.bench.LoadClient;

import io.vertx.core.http.WebSocket;

/**
 * One websocket client of the firehose benchmark: its stream, its socket (null while disconnected) and
 * what it received over the whole run. Plain fields: only its shard's event loop touches it.
 */
final class FirehoseClient {

    final int id;
    final String path;
    /** Per-log index continuity over the whole run, reconnections included; null on /domains-only (no index). */
    final IndexGaps gaps;
    WebSocket socket;
    long certificates;
    long dnsEntries;
    long connections;

    FirehoseClient(int id, String path) {
        this.id = id;
        this.path = path;
        this.gaps = path.startsWith("/domains-only") ? null : new IndexGaps(LoadClient.TRACKED_LOGS);
    }

    boolean carriesTimestamps() {
        return gaps != null;
    }
}
