package dev.certstream.gateway.unique;

import io.vertx.core.Future;

/**
 * First claims on certificates: the first entry (log, index) to claim a key is its claimant for the window,
 * and every gateway asking later gets the same claimant back, so all agree on which entry is "the first".
 */
public interface ClaimStore {

    /** Completes with true when {@code claimant} is the key's claimant (it was first, or claimed it before). */
    Future<Boolean> claim(long key, long claimant);
}
