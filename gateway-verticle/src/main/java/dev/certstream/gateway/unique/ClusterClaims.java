package dev.certstream.gateway.unique;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Claims shared by every gateway of a cluster: a {@code putIfAbsent} with the window as its time to live in
 * the Hazelcast map {@value #MAP} (its size per member is bounded in the cluster config). A claimant learnt
 * is kept locally, so each gateway asks the cluster once per key. When the cluster does not answer within
 * the claim timeout, the local view decides (counted): clients are never held up for long.
 */
public final class ClusterClaims implements ClaimStore {

    /** Not under {@code certstream.*}, whose maps keep two backups: a lost claim only lets one repeat through. */
    public static final String MAP = "certstream-unique";

    private final Future<AsyncMap<Long, Long>> map;
    private final LocalClaims local;
    private final UniqueConfig config;
    private final LongAdder timeouts = new LongAdder();

    public ClusterClaims(Vertx vertx, UniqueConfig config) {
        this.map = vertx.sharedData().getAsyncMap(MAP);
        this.local = new LocalClaims(config);
        this.config = config;
    }

    @Override
    public Future<Boolean> claim(long key, long claimant) {
        Long known = local.known(key);
        if (known != null) {
            return Future.succeededFuture(known == claimant);
        }
        return map.compose(m -> m.putIfAbsent(key, claimant, config.window().toMillis()))
                .timeout(config.claimTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .map(previous -> {
                    long winner = previous == null ? claimant : previous;
                    local.learn(key, winner);
                    return winner == claimant;
                })
                .recover(failure -> {
                    timeouts.increment();
                    return Future.succeededFuture(local.decide(key, claimant));
                });
    }

    /** Claims the cluster did not answer in time (decided locally). */
    public long timeouts() {
        return timeouts.sum();
    }
}
