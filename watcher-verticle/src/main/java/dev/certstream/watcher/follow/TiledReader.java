package dev.certstream.watcher.follow;

import dev.certstream.render.ct.TilePath;
import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.ct.CheckpointCheck;
import dev.certstream.watcher.ct.CtHttpClient;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a static-ct-api (tiled) log: the signed checkpoint for the head, full data tiles, partial tiles
 * only once a tile has stayed partial for a while, and each issuer once through the {@link IssuerCache}.
 */
public final class TiledReader implements LogReader {

    static final int TILE_WIDTH = 256;

    private final WorkerExecutor workers;
    private final CtHttpClient http;
    private final EntryPipeline pipeline;
    private final IssuerCache issuers;
    private final LogSource source;
    private final long partialWaitMs;
    private final CheckpointCheck checkpoints;
    private long lastReturned = -1;
    private long partialTile = -1;
    private long partialSinceMs;

    public TiledReader(WorkerExecutor workers, CtHttpClient http, EntryPipeline pipeline, IssuerCache issuers, LogSource source,
                long partialWaitMs, WatcherMetrics metrics) {
        this.workers = workers;
        this.http = http;
        this.pipeline = pipeline;
        this.issuers = issuers;
        this.source = source;
        this.partialWaitMs = partialWaitMs;
        this.checkpoints = new CheckpointCheck(source, metrics);
    }

    @Override
    public LogSource source() {
        return source;
    }

    @Override
    public int alignment() {
        return TILE_WIDTH;
    }

    @Override
    public Future<Long> fetchTreeSize() {
        String url = source.url() + "checkpoint";
        return http.get(url).map(body -> followable(checkpoints.treeSize(body.getBytes(), url)));
    }

    /** Holds the head back to the last full tile until a partial tile has waited long enough. */
    private long followable(long size) {
        if (lastReturned < 0) {
            // The first head decides where a new log starts: its real size, never held back.
            lastReturned = size;
            return size;
        }
        long held = size;
        long full = size - size % TILE_WIDTH;
        if (full != size) {
            long tile = size / TILE_WIDTH;
            long now = System.currentTimeMillis();
            if (tile != partialTile) {
                partialTile = tile;
                partialSinceMs = now;
            }
            if (now - partialSinceMs < partialWaitMs) {
                held = full;
            }
        }
        if (size < lastReturned) {
            return size; // the checkpoint really is smaller than one we followed: let the follower report it
        }
        // Never report less than before: holding back must not look like a shrinking tree.
        lastReturned = Math.max(lastReturned, held);
        return lastReturned;
    }

    @Override
    public Future<RenderedBatch> fetch(EntryRange range) {
        long tile = range.start() / TILE_WIDTH;
        long tileStart = tile * TILE_WIDTH;
        int width = (int) (range.end() - tileStart);
        String fullUrl = source.url() + TilePath.dataTile(tile, TILE_WIDTH);
        String url = width == TILE_WIDTH ? fullUrl : source.url() + TilePath.dataTile(tile, width);
        Future<Buffer> body = http.get(url);
        if (width != TILE_WIDTH) {
            // Partial tiles vanish once the full tile exists; the full one then holds what we want.
            body = body.recover(failure -> failure instanceof FetchException f && f.kind() == FetchException.Kind.NOT_FOUND
                    ? http.get(fullUrl) : Future.failedFuture(failure));
        }
        return body
                .compose(bytes -> workers.executeBlocking(() -> pipeline.decodeTile(bytes, tileStart, range, url), false))
                .compose(decoded -> resolveIssuers(decoded)
                        .compose(chains -> workers.executeBlocking(() -> pipeline.renderTile(source, decoded, chains), false)));
    }

    /** Issuer DERs by fingerprint (hex) for every chain certificate the decoded entries name. */
    private Future<Map<String, byte[]>> resolveIssuers(DecodedTile decoded) {
        Map<String, byte[]> wanted = new LinkedHashMap<>();
        for (byte[] fingerprint : decoded.chainFingerprints()) {
            wanted.putIfAbsent(java.util.HexFormat.of().formatHex(fingerprint), fingerprint);
        }
        List<Future<byte[]>> lookups = new ArrayList<>(wanted.size());
        for (byte[] fingerprint : wanted.values()) {
            lookups.add(issuers.resolve(source.url(), fingerprint));
        }
        return Future.all(lookups).map(all -> {
            Map<String, byte[]> resolved = new java.util.HashMap<>();
            int i = 0;
            for (String hex : wanted.keySet()) {
                byte[] der = all.resultAt(i++);
                if (der != null) {
                    resolved.put(hex, der);
                }
            }
            return resolved;
        });
    }
}
