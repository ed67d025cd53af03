package dev.certstream.contract;

/**
 * The failure codes a broker answers its request/reply addresses with ({@code ReplyException.failureCode()}),
 * so that brokers and gateways read one definition.
 */
public final class BrokerReplies {

    /** {@link BusAddresses#BROKER_EXAMPLE} before the broker saw any certificate of that stream. */
    public static final int NO_CERTIFICATE_YET = 404;

    /** {@link BusAddresses#BROKER_EXAMPLE} whose body names no {@link StreamKind}. */
    public static final int BAD_REQUEST = 400;

    /** {@link BusAddresses#BROKER_SNAPSHOT} that reached the replica which sent it (it never copies itself). */
    public static final int OWN_REQUEST = 409;

    /**
     * Any request to a replica whose state is not current (its side of a split lacks the quorum, it was cut
     * off, or it has not yet copied a live replica since): ask another. Replicas answer this rather than
     * unsubscribing, so a gateway never holds a stale subscription to a replica that no longer listens.
     */
    public static final int NOT_CURRENT = 503;

    private BrokerReplies() {
    }
}
