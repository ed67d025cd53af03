package dev.certstream.watcher.follow;

import dev.certstream.render.ct.Fingerprint;
import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.ct.FetchException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * static-ct-api issuer certificates by fingerprint: each fetched once from {@code <monitoring>/issuer/<hex>}
 * (one request however many tiles ask meanwhile), checked against its fingerprint and kept in a bounded
 * Caffeine cache that evicts by recency and frequency, with hit and miss counts in the watcher's metrics.
 * An issuer a log keeps answering 404 for is given up on after a few tries so its entries still publish.
 * Used on the watcher's event loop only.
 */
public final class IssuerCache {

    private final int maxNotFound;
    private final Cache<Fingerprint, byte[]> issuers;
    private final Cache<Fingerprint, Integer> notFound;
    private final Map<Fingerprint, Future<byte[]>> inFlight = new HashMap<>();
    private final WatcherMetrics metrics;

    /**
     * @param capacity    issuers kept ({@code CERTSTREAM_ISSUER_CACHE}), and as many not-found counts
     * @param maxNotFound 404s after which an issuer is given up on
     */
    public IssuerCache(int capacity, int maxNotFound, WatcherMetrics metrics) {
        this.maxNotFound = maxNotFound;
        this.metrics = metrics;
        // Maintenance runs on the event loop that triggers it (it is short), not on a pool thread.
        this.issuers = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).recordStats().build();
        this.notFound = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
        metrics.monitorCache("issuers", issuers);
    }

    /**
     * The issuer's DER, or null when the log has no such issuer (after repeated 404s).
     *
     * @param get GETs a URL of the log asking, succeeding with the body (its {@code LogClient::get}, so the
     *            lookup draws on that log operator's budget)
     */
    Future<byte[]> resolve(Function<String, Future<byte[]>> get, String monitoringUrl, Fingerprint fingerprint) {
        byte[] known = issuers.getIfPresent(fingerprint);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        Integer misses = notFound.getIfPresent(fingerprint);
        if (misses != null && misses >= maxNotFound) {
            return Future.succeededFuture(null);
        }
        Future<byte[]> pending = inFlight.get(fingerprint);
        if (pending != null) {
            return pending;
        }
        Future<byte[]> fetched = fetch(get, monitoringUrl, fingerprint);
        if (!fetched.isComplete()) {
            inFlight.put(fingerprint, fetched);
        }
        return fetched;
    }

    private Future<byte[]> fetch(Function<String, Future<byte[]>> get, String monitoringUrl, Fingerprint fingerprint) {
        String url = monitoringUrl + "issuer/" + fingerprint.hex();
        return get.apply(url)
                .map(der -> {
                    if (!fingerprint.matches(der)) {
                        throw new FetchException(FetchException.Kind.BAD_BODY, "issuer from " + url
                                + " does not match its SHA-256");
                    }
                    return der;
                })
                .andThen(result -> {
                    inFlight.remove(fingerprint);
                    if (result.succeeded()) {
                        issuers.put(fingerprint, result.result());
                        notFound.invalidate(fingerprint);
                    } else if (result.cause() instanceof FetchException f && f.kind() == FetchException.Kind.NOT_FOUND) {
                        int misses = notFound.asMap().merge(fingerprint, 1, Integer::sum);
                        if (misses >= maxNotFound) {
                            metrics.issuerMissing();
                        }
                    }
                });
    }

    /** How many issuers are kept now. */
    long size() {
        issuers.cleanUp();
        return issuers.estimatedSize();
    }
}
