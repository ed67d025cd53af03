package dev.certstream.watcher.follow;

import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.ct.CtHttpClient;
import dev.certstream.watcher.ct.FetchException;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * static-ct-api issuer certificates by SHA-256: each fetched once from {@code <monitoring>/issuer/<hex>},
 * checked against its fingerprint and kept in a bounded LRU. Lookups happen on the watcher's event loop;
 * an issuer a log keeps answering 404 for is given up on after a few tries so its entries still publish.
 */
public final class IssuerCache {

    private static final HexFormat HEX = HexFormat.of();

    private final CtHttpClient http;
    private final int maxNotFound;
    private final Map<String, byte[]> cache;
    private final Map<String, Future<byte[]>> inFlight = new HashMap<>();
    private final Map<String, Integer> notFound;
    private final WatcherMetrics metrics;

    public IssuerCache(CtHttpClient http, int capacity, int maxNotFound, WatcherMetrics metrics) {
        this.http = http;
        this.maxNotFound = maxNotFound;
        this.metrics = metrics;
        this.cache = lru(capacity);
        this.notFound = lru(capacity);
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The issuer's DER, or null when the log has no such issuer (after repeated 404s). */
    Future<byte[]> resolve(String monitoringUrl, byte[] sha256) {
        String hex = HEX.formatHex(sha256);
        byte[] known = cache.get(hex);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        Integer misses = notFound.get(hex);
        if (misses != null && misses >= maxNotFound) {
            return Future.succeededFuture(null);
        }
        return inFlight.computeIfAbsent(hex, h -> fetch(monitoringUrl, h, sha256));
    }

    private Future<byte[]> fetch(String monitoringUrl, String hex, byte[] sha256) {
        String url = monitoringUrl + "issuer/" + hex;
        return http.get(url)
                .map(body -> checked(body, sha256, url))
                .andThen(result -> {
                    inFlight.remove(hex);
                    if (result.succeeded()) {
                        cache.put(hex, result.result());
                        notFound.remove(hex);
                    } else if (result.cause() instanceof FetchException f && f.kind() == FetchException.Kind.NOT_FOUND) {
                        int misses = notFound.merge(hex, 1, Integer::sum);
                        if (misses >= maxNotFound) {
                            metrics.issuerMissing();
                        }
                    }
                });
    }

    private static byte[] checked(Buffer body, byte[] sha256, String url) {
        byte[] der = body.getBytes();
        if (!MessageDigest.isEqual(sha256(der), sha256)) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "issuer from " + url + " does not match its SHA-256");
        }
        return der;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
