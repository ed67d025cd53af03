package dev.certstream.watcher.verify;

import dev.certstream.render.ct.TilePath;
import dev.certstream.watcher.ct.FetchException;

import io.vertx.core.Future;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A tiled log's proofs: the frontier at any index from at most one hash tile per level (about 3 requests),
 * checked against the checkpoint's root when the index is the checkpoint's size. Tiled logs have no
 * consistency endpoint: their heads are linked by the leaves folded from one to the next.
 */
public final class TileProofs implements TreeProofs {

    private final String monitoringUrl;
    private final Function<String, Future<byte[]>> get;

    /**
     * @param monitoringUrl the log's monitoring prefix, ending in '/'
     * @param get           how the log is asked (its budgeted client): the body of a 2xx answer
     */
    public TileProofs(String monitoringUrl, Function<String, Future<byte[]>> get) {
        this.monitoringUrl = monitoringUrl;
        this.get = get;
    }

    @Override
    public boolean canAnchor(long index, SignedTreeHead head) {
        return head.treeSize() >= index;
    }

    @Override
    public boolean needsLeafHash() {
        return false;
    }

    @Override
    public boolean provesConsistency() {
        return false;
    }

    @Override
    public Future<Void> consistency(SignedTreeHead first, SignedTreeHead second) {
        return Future.failedFuture(new UnsupportedOperationException("tiled logs have no consistency proofs"));
    }

    @Override
    public Future<Anchor> anchor(long index, byte[] leafHash, SignedTreeHead head) {
        List<HashTiles.TileRef> refs = HashTiles.tilesFor(index, head.treeSize());
        List<Future<byte[]>> fetched = new ArrayList<>(refs.size());
        refs.forEach(ref -> fetched.add(tile(ref)));
        return Future.all(fetched).map(all -> {
            Map<Integer, byte[]> byLevel = new HashMap<>();
            for (int i = 0; i < refs.size(); i++) {
                byLevel.put(refs.get(i).level(), all.resultAt(i));
            }
            HashTileSource source = (level, tileIndex, width) -> byLevel.get(level);
            try {
                if (index == head.treeSize()) {
                    return new Anchor(HashTiles.frontierAt(index, head.rootHash(), source), true);
                }
                return new Anchor(HashTiles.frontierWithin(index, head.treeSize(), source), false);
            } catch (ProofException e) {
                throw new LieException(e.getMessage());
            } catch (IOException e) {
                throw new NoAnswer(e.getMessage());
            }
        });
    }

    /** A hash tile at the width the head publishes it; a partial tile that vanished gives way to the full one. */
    private Future<byte[]> tile(HashTiles.TileRef ref) {
        Future<byte[]> body = get.apply(monitoringUrl + TilePath.hashTile(ref.level(), ref.index(), ref.width()));
        if (ref.width() == TilePath.TILE_WIDTH) {
            return body;
        }
        return body.recover(failure -> failure instanceof FetchException f && f.kind() == FetchException.Kind.NOT_FOUND
                ? get.apply(monitoringUrl + TilePath.hashTile(ref.level(), ref.index(), TilePath.TILE_WIDTH))
                : Future.failedFuture(failure));
    }
}
