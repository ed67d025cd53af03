package dev.certstream.simulator;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The static-ct-api monitoring API of one simulated log: checkpoint, data tiles (full and
 * partial, only as far as a published checkpoint reaches) and issuers, gzipped per the gzip mode.
 */
final class StaticCtHandler {

    private static final String TILE_PREFIX = "tile/data/";
    private static final String ISSUER_PREFIX = "issuer/";

    private final WorkerExecutor workers;
    private final GzipMode gzip;
    private final FaultInjector faults;
    private final TileCache cache;
    private final boolean honourRange;

    StaticCtHandler(WorkerExecutor workers, GzipMode gzip, FaultInjector faults, TileCache cache, boolean honourRange) {
        this.workers = workers;
        this.gzip = gzip;
        this.faults = faults;
        this.cache = cache;
        // A log that gzips whatever the client asks cannot serve byte offsets of the plain tile.
        this.honourRange = honourRange && gzip != GzipMode.ALWAYS;
    }

    static Endpoint endpoint(String subPath) {
        if (subPath.equals("checkpoint")) {
            return Endpoint.CHECKPOINT;
        }
        if (subPath.startsWith(TILE_PREFIX)) {
            return Endpoint.TILE;
        }
        if (subPath.matches("tile/[0-5]/.*")) {
            return Endpoint.HASH_TILE;
        }
        return subPath.startsWith(ISSUER_PREFIX) ? Endpoint.ISSUER : Endpoint.OTHER;
    }

    /** {@code range}: the request's Range header, or null. */
    Future<Reply> handle(SimulatedLog log, String subPath, String acceptEncoding, String range, boolean shrink) {
        boolean gzipped = gzip.gzipFor(acceptEncoding);
        return switch (endpoint(subPath)) {
            case CHECKPOINT -> Future.succeededFuture(checkpoint(log, shrink, gzipped));
            case TILE -> tile(log, subPath.substring(TILE_PREFIX.length()), gzipped, honourRange ? ByteRange.parse(range) : null);
            case HASH_TILE -> hashTile(log, subPath, gzipped);
            case ISSUER -> Future.succeededFuture(issuer(log, subPath.substring(ISSUER_PREFIX.length()), gzipped));
            default -> Future.succeededFuture(Reply.error(404, "not found: " + subPath));
        };
    }

    private Reply checkpoint(SimulatedLog log, boolean shrink, boolean gzipped) {
        SimulatedLog.Checkpoint current = log.checkpoint();
        if (current == null) {
            return Reply.error(404, "no checkpoint published yet");
        }
        String text = current.text();
        if (shrink && current.size() > 0) {
            long smaller = current.size() - faults.shrinkBy(current.size());
            text = log.signer.checkpoint(log.origin(), smaller, log.lies.headRoot(smaller), System.currentTimeMillis(), false,
                    log.lies.badSignature(smaller));
        }
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        return body("text/plain; charset=utf-8", gzipped ? gzip(plain) : plain, gzipped, false);
    }

    /**
     * A data tile; with a range (only when Range is honoured), the plain tile cut to it, since offsets
     * into the entries are what a client resuming a partial tile knows (choosing identity for a range
     * request is the server's right under content negotiation).
     */
    private Future<Reply> tile(SimulatedLog log, String path, boolean acceptsGzip, ByteRange range) {
        boolean gzipped = acceptsGzip && range == null;
        TilePath tile = TilePath.parse(path);
        if (tile == null) {
            return Future.succeededFuture(Reply.error(404, "not a data tile path: " + path));
        }
        if (!log.tilePublished(tile)) {
            return Future.succeededFuture(Reply.error(404, "tile not published: " + path));
        }
        String key = log.name() + "/" + log.lies.generation() + "/" + tile.encode() + (gzipped ? ".gz" : "");
        byte[] cached = cache.get(key);
        if (cached != null) {
            return Future.succeededFuture(ranged(body("application/octet-stream", cached, gzipped, true), range));
        }
        return workers.executeBlocking(() -> {
            byte[] plain = log.lie() == null ? log.source.dataTile(tile.tile(), tile.width())
                    : EntrySource.tileOf(log.lies::entry, tile.tile(), tile.width());
            if (plain == null) {
                return Reply.error(404, "tile not stored: " + path);
            }
            byte[] wire = gzipped ? gzip(plain) : plain;
            cache.put(key, wire);
            return ranged(body("application/octet-stream", wire, gzipped, true), range);
        }, false);
    }

    /**
     * A tlog-tiles hash tile {@code tile/<L>/<N>[.p/<W>]}: level-8L hashes of the tree, served (like data
     * tiles) only as far as the published checkpoint reaches.
     */
    private Future<Reply> hashTile(SimulatedLog log, String path, boolean gzipped) {
        int level = path.charAt(5) - '0';
        TilePath tile = TilePath.parse(path.substring(7));
        long published = log.publishedSize();
        if (tile == null || tile.tile() * TilePath.FULL + tile.width() > (published >>> (8 * level))) {
            return Future.succeededFuture(Reply.error(404, "hash tile not published: " + path));
        }
        return workers.executeBlocking(() -> {
            byte[] plain = log.lies.tree().hashTile(level, tile.tile(), tile.width(), published);
            if (plain == null) {
                return Reply.error(404, "no such hash tile: " + path);
            }
            return body("application/octet-stream", gzipped ? gzip(plain) : plain, gzipped, true);
        }, false);
    }

    private Reply ranged(Reply whole, ByteRange range) {
        if (!honourRange) {
            return whole;
        }
        Map<String, String> headers = new java.util.HashMap<>(whole.headers());
        headers.put("Accept-Ranges", "bytes");
        Reply advertised = new Reply(whole.status(), whole.contentType(), whole.body(), headers);
        return range == null ? advertised : range.cut(advertised);
    }

    private Reply issuer(SimulatedLog log, String hex, boolean gzipped) {
        byte[] der = hex.matches("[0-9a-f]{64}") ? log.source.issuer(hex) : null;
        if (der == null) {
            return Reply.error(404, "unknown issuer: " + hex);
        }
        return body("application/pkix-cert", gzipped ? gzip(der) : der, gzipped, true);
    }

    /**
     * A 200 with {@code wire} (already gzipped when {@code gzipped}). Immutable objects (tiles,
     * issuers) may be cached for long; checkpoints must not be, like real logs' CDNs.
     */
    private static Reply body(String contentType, byte[] wire, boolean gzipped, boolean immutable) {
        String cacheControl = immutable ? "public, max-age=604800, immutable" : "no-store";
        Map<String, String> headers = gzipped
                ? Map.of("Content-Encoding", "gzip", "Cache-Control", cacheControl)
                : Map.of("Cache-Control", cacheControl);
        return new Reply(200, contentType, Buffer.buffer(wire), headers);
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
