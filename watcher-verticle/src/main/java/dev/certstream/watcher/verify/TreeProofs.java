package dev.certstream.watcher.verify;

import io.vertx.core.Future;

/**
 * How a log proves where the watcher stands in its tree, for a {@link LogVerifier} that has no frontier
 * (a first start, progress without one, a leaf it could not read) or must check two heads against each
 * other: RFC 6962 inclusion and consistency proofs ({@link Rfc6962Proofs}), tlog-tiles hash tiles
 * ({@link TileProofs}). A future that fails with a {@link LieException} means the log's answer
 * provably does not fit its signed heads; any other failure means no usable answer (try again later).
 */
public interface TreeProofs {

    /**
     * The frontier at {@code index} (covering the leaves below it) in the tree of a signed head.
     *
     * @param leafHash the hash of leaf {@code index}, as the watcher read it (RFC 6962 proves it is in the
     *                 head's tree); null when {@link #needsLeafHash()} is false
     */
    Future<Anchor> anchor(long index, byte[] leafHash, SignedTreeHead head);

    /** Whether {@link #anchor} can place {@code index} with this head. */
    boolean canAnchor(long index, SignedTreeHead head);

    /** Whether {@link #anchor} needs the hash of the leaf it places. */
    boolean needsLeafHash();

    /** Whether {@link #consistency} asks the log (RFC 6962); otherwise it is never called. */
    boolean provesConsistency();

    /** Succeeds when the log proves that {@code second} extends {@code first}. */
    Future<Void> consistency(SignedTreeHead first, SignedTreeHead second);

    /**
     * A frontier from a proof.
     *
     * @param frontier the frontier at the index asked for
     * @param verified whether it was checked against the head's root (an RFC 6962 inclusion proof, hash
     *                 tiles at the head's own size); otherwise the next head the leaves fold to checks it
     */
    record Anchor(MerkleFrontier frontier, boolean verified) {
    }

    /** The log gave an answer that is not a proof of what was asked (not JSON, no proof): ask again later. */
    final class NoAnswer extends RuntimeException {
        public NoAnswer(String message) {
            super(message);
        }
    }

    /** The log proves the leaf's hash at another index (CT logs hold equal leaves now and then): place a later leaf. */
    final class LeafElsewhere extends RuntimeException {
        public LeafElsewhere(String message) {
            super(message);
        }
    }
}
