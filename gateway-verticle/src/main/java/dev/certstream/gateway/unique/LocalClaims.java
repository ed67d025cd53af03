package dev.certstream.gateway.unique;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;

import java.util.concurrent.ConcurrentMap;

/**
 * Claims kept in this process (the embedded default, one gateway): a Caffeine cache bounded in entries and
 * in time since written, so the window is the same whatever the rate. Answers at once. Thread-safe.
 */
public final class LocalClaims implements ClaimStore {

    private static final Future<Boolean> FIRST = Future.succeededFuture(true);
    private static final Future<Boolean> REPEAT = Future.succeededFuture(false);

    private final ConcurrentMap<Long, Long> claims;

    public LocalClaims(UniqueConfig config) {
        Cache<Long, Long> cache = Caffeine.newBuilder().maximumSize(config.maxEntries())
                .expireAfterWrite(config.window()).build();
        this.claims = cache.asMap();
    }

    @Override
    public Future<Boolean> claim(long key, long claimant) {
        return decide(key, claimant) ? FIRST : REPEAT;
    }

    /** The same decision, synchronously. */
    public boolean decide(long key, long claimant) {
        Long known = claims.putIfAbsent(key, claimant);
        return known == null || known == claimant;
    }

    /** Records a claimant learnt elsewhere (the cluster's answer), so later asks need no round trip. */
    public void learn(long key, long claimant) {
        claims.put(key, claimant);
    }

    /** The claimant known here, or null. */
    public Long known(long key) {
        return claims.get(key);
    }

    public long size() {
        return claims.size();
    }
}
