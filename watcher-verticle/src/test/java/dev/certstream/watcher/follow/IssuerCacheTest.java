package dev.certstream.watcher.follow;

import dev.certstream.render.ct.Fingerprint;
import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.ct.FetchException;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issuers by fingerprint: fetched once, kept while in use, counted in the metrics, given up on after 404s. */
class IssuerCacheTest {

    private static final String LOG = "https://tiles.example/log/";

    private final WatcherMetrics metrics = new WatcherMetrics();
    private final List<String> requested = new ArrayList<>();
    private final Map<String, byte[]> served = new HashMap<>();

    /** A log that serves the issuers put in {@link #served} at once, and 404 for the others. */
    private Future<byte[]> get(String url) {
        requested.add(url);
        byte[] der = served.get(url);
        return der == null ? Future.failedFuture(FetchException.forStatus(404, null, url)) : Future.succeededFuture(der);
    }

    private Fingerprint issuer(String name) {
        byte[] der = name.getBytes(StandardCharsets.US_ASCII);
        Fingerprint fingerprint = Fingerprint.sha256(der);
        served.put(LOG + "issuer/" + fingerprint.hex(), der);
        return fingerprint;
    }

    @Test
    void anIssuerIsFetchedOnceByItsHexNameAndThenHit() {
        IssuerCache cache = new IssuerCache(16, 3, metrics);
        Fingerprint ca = issuer("intermediate CA");
        byte[] first = cache.resolve(this::get, LOG, ca).result();
        byte[] again = cache.resolve(this::get, LOG, ca).result();
        assertArrayEquals("intermediate CA".getBytes(StandardCharsets.US_ASCII), first);
        assertSame(first, again);
        assertEquals(List.of(LOG + "issuer/" + ca.hex()), requested);
        assertEquals(1, metrics.cacheGets("issuers", "hit"));
        assertEquals(1, metrics.cacheGets("issuers", "miss"));
    }

    @Test
    void lookupsWhileAFetchIsUnderWayShareIt() {
        Promise<byte[]> answer = Promise.promise();
        List<String> urls = new ArrayList<>();
        IssuerCache cache = new IssuerCache(16, 3, metrics);
        java.util.function.Function<String, Future<byte[]>> slow = url -> {
            urls.add(url);
            return answer.future();
        };
        byte[] der = "slow issuer".getBytes(StandardCharsets.US_ASCII);
        Fingerprint fingerprint = Fingerprint.sha256(der);
        Future<byte[]> a = cache.resolve(slow, LOG, fingerprint);
        Future<byte[]> b = cache.resolve(slow, LOG, fingerprint);
        assertEquals(1, urls.size(), "one request for both");
        answer.complete(der);
        assertSame(der, a.result());
        assertSame(der, b.result());
        assertSame(der, cache.resolve(slow, LOG, fingerprint).result());
        assertEquals(1, urls.size(), "kept once fetched");
    }

    @Test
    void anIssuerInUseOutlivesManyOneOffIssuers() {
        IssuerCache cache = new IssuerCache(16, 3, metrics);
        Fingerprint hot = issuer("the issuer of most entries");
        cache.resolve(this::get, LOG, hot);
        for (int i = 0; i < 2_000; i++) {
            cache.resolve(this::get, LOG, issuer("one-off issuer " + i));
            if (i % 8 == 0) {
                cache.resolve(this::get, LOG, hot);
            }
        }
        assertEquals(1, requested.stream().filter(url -> url.endsWith(hot.hex())).count(),
                "the issuer in use was never fetched again (insertion order would have dropped it)");
        assertTrue(cache.size() <= 16, "bound respected: " + cache.size());
        assertEquals(250, metrics.cacheGets("issuers", "hit"));
        assertEquals(2_001, metrics.cacheGets("issuers", "miss"));
    }

    @Test
    void anIssuerThatDoesNotMatchItsFingerprintIsRefusedAndNotKept() {
        IssuerCache cache = new IssuerCache(16, 3, metrics);
        Fingerprint claimed = Fingerprint.sha256("the real issuer".getBytes(StandardCharsets.US_ASCII));
        served.put(LOG + "issuer/" + claimed.hex(), "an impostor".getBytes(StandardCharsets.US_ASCII));
        FetchException refused = assertInstanceOf(FetchException.class, cache.resolve(this::get, LOG, claimed).cause());
        assertEquals(FetchException.Kind.BAD_BODY, refused.kind());
        cache.resolve(this::get, LOG, claimed);
        assertEquals(2, requested.size(), "asked again: nothing was kept");
    }

    @Test
    void anIssuerTheLogDoesNotHaveIsGivenUpOnAfterRepeated404s() {
        IssuerCache cache = new IssuerCache(16, 3, metrics);
        Fingerprint missing = Fingerprint.sha256("never uploaded".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 3; i++) {
            FetchException notFound = assertInstanceOf(FetchException.class, cache.resolve(this::get, LOG, missing).cause());
            assertEquals(FetchException.Kind.NOT_FOUND, notFound.kind());
        }
        assertNull(cache.resolve(this::get, LOG, missing).result(), "given up: its entries publish without it");
        assertEquals(3, requested.size());
        assertEquals(1, metrics.total("certstream.watcher.issuers.missing"));
    }
}
