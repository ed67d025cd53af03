package dev.certstream.watcher.follow;

import dev.certstream.contract.CertificateEnvelope;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Where a follower's envelopes go and what every follower of the watcher shares on the way: the gate that
 * holds publishing while local consumers are behind, and the byte budget of what is fetched but not yet
 * published.
 *
 * @param publisher  puts one envelope on the bus
 * @param mayPublish asked before each batch is published: false once this watcher's ownership lapsed
 * @param gate       holds publishing (and fetching) while the consumers in this JVM are behind
 * @param budget     bytes held between fetching and publishing, over all followers
 */
public record PublishPath(Consumer<CertificateEnvelope> publisher, BooleanSupplier mayPublish, PublishGate gate,
                          FetchBudget budget) {

    public PublishPath {
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(mayPublish, "mayPublish");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(budget, "budget");
    }
}
