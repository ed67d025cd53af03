package dev.certstream.watcher.follow;

import dev.certstream.render.ct.Fingerprint;
import dev.certstream.render.ct.TilePath;
import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.ct.CheckpointCheck;
import dev.certstream.watcher.ct.CtResponse;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogClient;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.verify.SignedTreeHead;
import dev.certstream.watcher.verify.TileProofs;
import dev.certstream.watcher.verify.TreeProofs;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a static-ct-api (tiled) log: the signed checkpoint for the head (through a {@link PartialTileGate}),
 * full data tiles, partial tiles as checkpoints reach into them, and each issuer once through the
 * {@link IssuerCache}. Of the tile it reads into it remembers how many entries and bytes it holds, so
 * the next read of that tile asks only for the rest ({@code Range: bytes=<held>-}) of the next partial
 * or, once it exists, of the full tile; a log that ignores Range gets whole reads. Reads of one tile go
 * one after the other so each can resume where the last one stopped.
 */
public final class TiledReader implements LogReader {

    static final int TILE_WIDTH = 256;
    /** Unusable ranged answers in a row after which this log is read without Range. */
    private static final int RANGE_FAILURES = 3;
    private static final Logger LOG = LoggerFactory.getLogger(TiledReader.class);

    private final WorkerExecutor workers;
    private final LogClient client;
    private final EnvelopeRenderer envelopes;
    private final IssuerCache issuers;
    private final LogSource source;
    private final PartialTileGate gate;
    private final CheckpointCheck checkpoints;
    private boolean rangeServed = true;
    private int rangeFailures;
    private long heldTile = -1;
    private int heldEntries;
    private long heldBytes;
    private long chainTile = -1;
    private Future<RenderedBatch> chain = Future.succeededFuture();

    /** What answered a tile read: the answer and the width of the tile it came from (a full one after a 404). */
    private record TileAnswer(CtResponse response, int width, String url) {
    }

    public TiledReader(WorkerExecutor workers, LogClient client, EnvelopeRenderer envelopes, IssuerCache issuers,
                       LogSource source, PartialTileGate gate, WatcherMetrics metrics) {
        this.workers = workers;
        this.client = client;
        this.envelopes = envelopes;
        this.issuers = issuers;
        this.source = source;
        this.gate = gate;
        this.checkpoints = new CheckpointCheck(source, metrics);
    }

    @Override
    public LogSource source() {
        return source;
    }

    @Override
    public LogClient client() {
        return client;
    }

    @Override
    public int alignment() {
        return TILE_WIDTH;
    }

    @Override
    public Future<Long> fetchTreeSize() {
        String url = source.url() + "checkpoint";
        return client.get(url).map(body -> gate.followable(checkpoints.treeSize(body, url), rangeServed,
                System.currentTimeMillis()));
    }

    @Override
    public SignedTreeHead lastHead() {
        return checkpoints.lastHead();
    }

    @Override
    public TreeProofs proofs() {
        return new TileProofs(source.url(), client::get);
    }

    @Override
    public Future<RenderedBatch> fetch(EntryRange range) {
        long tile = range.start() / TILE_WIDTH;
        Future<RenderedBatch> previous = tile == chainTile ? chain : Future.succeededFuture();
        chainTile = tile;
        chain = previous.transform(done -> read(range));
        return chain;
    }

    private Future<RenderedBatch> read(EntryRange range) {
        long tile = range.start() / TILE_WIDTH;
        long tileStart = tile * TILE_WIDTH;
        int first = (int) (range.start() - tileStart);
        int width = (int) (range.end() - tileStart);
        String fullUrl = source.url() + TilePath.dataTile(tile, TILE_WIDTH);
        String url = width == TILE_WIDTH ? fullUrl : source.url() + TilePath.dataTile(tile, width);
        long from = rangeServed && heldTile == tile && heldEntries == first && first > 0 ? heldBytes : -1;
        Future<TileAnswer> answer = client.fetch(url, from).map(r -> new TileAnswer(r, width, url));
        if (width != TILE_WIDTH) {
            // Partial tiles vanish once the full tile exists; its prefix is the same bytes.
            answer = answer.recover(failure -> failure instanceof FetchException f && f.kind() == FetchException.Kind.NOT_FOUND
                    ? client.fetch(fullUrl, from).map(r -> new TileAnswer(r, TILE_WIDTH, fullUrl))
                    : Future.failedFuture(failure));
        }
        return answer
                .compose(got -> decode(got, range, from))
                .onFailure(failure -> {
                    heldTile = -1;
                    if (from >= 0 && failure instanceof FetchException f && f.kind() == FetchException.Kind.BAD_BODY
                            && ++rangeFailures >= RANGE_FAILURES) {
                        stopRanges("its ranged answers were unusable " + rangeFailures + " times: " + f.getMessage());
                    }
                });
    }

    private Future<RenderedBatch> decode(TileAnswer got, EntryRange range, long from) {
        long tileStart = range.start() - range.start() % TILE_WIDTH;
        CtResponse response = got.response();
        if (from >= 0 && !response.partial()) {
            stopRanges("it answered a Range request with the whole tile");
        }
        // A 206 starts at the first entry not held; a whole answer at the tile's first entry.
        int bodyFirst = response.partial() ? (int) (range.start() - tileStart) : 0;
        return workers.executeBlocking(() -> TileBatch.decode(response.body(), tileStart + bodyFirst,
                        got.width() - bodyFirst, range, got.url()), false)
                .compose(batch -> {
                    boolean whole = batch.clean() && batch.count() == range.length() && got.width() == range.end() - tileStart;
                    if (whole && got.width() < TILE_WIDTH) {
                        heldTile = range.start() / TILE_WIDTH;
                        heldEntries = got.width();
                        heldBytes = response.rangeStart() + response.body().length;
                    } else {
                        heldTile = -1; // a full tile needs no resuming; a broken or wider answer leaves no known prefix
                    }
                    if (response.partial()) {
                        rangeFailures = 0;
                    }
                    return resolveIssuers(batch.issuers())
                            .compose(found -> workers.executeBlocking(() -> batch.render(envelopes, source, found), false));
                });
    }

    private void stopRanges(String why) {
        if (rangeServed) {
            rangeServed = false;
            LOG.info("{}: reading partial tiles whole from now on: {}", source, why);
        }
    }

    /** The DER of every issuer named that the log has (one lookup each, on the event loop). */
    private Future<Map<Fingerprint, byte[]>> resolveIssuers(Set<Fingerprint> wanted) {
        List<Fingerprint> names = List.copyOf(wanted);
        List<Future<byte[]>> lookups = new ArrayList<>(names.size());
        for (Fingerprint fingerprint : names) {
            lookups.add(issuers.resolve(client::get, source.url(), fingerprint));
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
