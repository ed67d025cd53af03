package dev.certstream.watcher.follow;

import dev.certstream.render.ct.Fingerprint;
import dev.certstream.render.ct.TilePath;
import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.ct.CheckpointCheck;
import dev.certstream.watcher.ct.CtHttpClient;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.verify.SignedTreeHead;
import dev.certstream.watcher.verify.TileProofs;
import dev.certstream.watcher.verify.TreeProofs;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a static-ct-api (tiled) log: the signed checkpoint for the head, full data tiles, partial tiles
 * only once a tile has stayed partial for a while, and each issuer once through the {@link IssuerCache}.
 */
public final class TiledReader implements LogReader {

    static final int TILE_WIDTH = 256;

    private final WorkerExecutor workers;
    private final CtHttpClient http;
    private final EnvelopeRenderer envelopes;
    private final IssuerCache issuers;
    private final LogSource source;
    private final long partialWaitMs;
    private final CheckpointCheck checkpoints;
    private long lastReturned = -1;
    private long partialTile = -1;
    private long partialSinceMs;

    public TiledReader(WorkerExecutor workers, CtHttpClient http, EnvelopeRenderer envelopes, IssuerCache issuers,
                       LogSource source, long partialWaitMs, WatcherMetrics metrics) {
        this.workers = workers;
        this.http = http;
        this.envelopes = envelopes;
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
        return http.get(url).map(body -> followable(checkpoints.treeSize(body, url)));
    }

    @Override
    public SignedTreeHead lastHead() {
        return checkpoints.lastHead();
    }

    @Override
    public TreeProofs proofs() {
        return new TileProofs(source.url(), http::get);
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
        Future<byte[]> body = http.get(url);
        if (width != TILE_WIDTH) {
            // Partial tiles vanish once the full tile exists; the full one then holds what we want.
            body = body.recover(failure -> failure instanceof FetchException f && f.kind() == FetchException.Kind.NOT_FOUND
                    ? http.get(fullUrl) : Future.failedFuture(failure));
        }
        return body
                .compose(bytes -> workers.executeBlocking(() -> TileBatch.decode(bytes, tileStart, range, url), false))
                .compose(batch -> resolveIssuers(batch.issuers())
                        .compose(found -> workers.executeBlocking(() -> batch.render(envelopes, source, found), false)));
    }

    /** The DER of every issuer named that the log has (one lookup each, on the event loop). */
    private Future<Map<Fingerprint, byte[]>> resolveIssuers(Set<Fingerprint> wanted) {
        List<Fingerprint> names = List.copyOf(wanted);
        List<Future<byte[]>> lookups = new ArrayList<>(names.size());
        for (Fingerprint fingerprint : names) {
            lookups.add(issuers.resolve(source.url(), fingerprint));
        }
        return Future.all(lookups).map(all -> {
            Map<Fingerprint, byte[]> found = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                byte[] der = all.resultAt(i);
                if (der != null) {
                    found.put(names.get(i), der);
                }
            }
            return found;
        });
    }
}
