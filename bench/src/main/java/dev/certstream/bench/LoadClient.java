package dev.certstream.bench;

import io.vertx.core.http.WebSocket;

/**
 * One websocket client of a load run and what it received. Plain fields: only its shard's event loop
 * touches it, and the shard copies the figures out on that same loop.
 */
public final class LoadClient {

    /** Logs whose index continuity one client follows; a power of two above the ~100 real CT logs. */
    public static final int TRACKED_LOGS = 256;

    final int id;
    final boolean paused;
    final IndexGaps gaps;
    WebSocket socket;
    boolean closed;
    /** Figures of the current measurement window. */
    long messages;
    long bytes;
    long certificates;
    long heartbeats;
    /** Messages since connecting, window or not. */
    long received;

    LoadClient(int id, boolean paused) {
        this.id = id;
        this.paused = paused;
        // Paused clients read nothing during the window; their gaps would only measure the pause.
        this.gaps = paused ? null : new IndexGaps(TRACKED_LOGS);
    }

    void resetWindow() {
        messages = 0;
        bytes = 0;
        certificates = 0;
        heartbeats = 0;
        if (gaps != null) {
            gaps.resetCounts();
        }
    }
}
