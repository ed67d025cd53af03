package dev.certstream.watcher.verify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a {@link LogVerifier}'s fold starts when it has no frontier: the leaf hashes read from {@link #index()}
 * on wait (bounded) while a proof places that index in a signed head's tree; once it does, the verifier
 * folds them. A failed proof is asked again only with a newer head, so that a log that answers badly costs
 * one request per head at most. Event-loop confined, like its verifier.
 */
final class FoldAnchor {

    private static final Logger LOG = LoggerFactory.getLogger(FoldAnchor.class);

    private final LogVerifier verifier;
    private final TreeProofs proofs;
    private final int maxPending;
    private final VerifierMetrics metrics;
    private final List<byte[]> pending = new ArrayList<>();
    private long index = -1;
    private long generation;
    private boolean inFlight;
    private long triedWith = -1;

    FoldAnchor(LogVerifier verifier, TreeProofs proofs, int maxPending, VerifierMetrics metrics) {
        this.verifier = verifier;
        this.proofs = proofs;
        this.maxPending = maxPending;
        this.metrics = metrics;
    }

    /** Starts placing the fold at leaf {@code at}; whatever waited or was asked before is forgotten. */
    void begin(long at) {
        index = at;
        pending.clear();
        generation++;
        inFlight = false;
        triedWith = -1;
    }

    void stop() {
        begin(-1);
    }

    /** The leaf being placed, or -1. */
    long index() {
        return index;
    }

    /** The hash of the next leaf (null: not read, so the fold is placed after it). */
    void add(long leafIndex, byte[] hash) {
        if (index < 0) {
            return;
        }
        if (hash == null || leafIndex != index + pending.size()) {
            begin(hash == null ? leafIndex + 1 : leafIndex);
            if (hash == null) {
                return;
            }
        }
        pending.add(hash);
        if (pending.size() > maxPending) {
            metrics.pendingDropped(pending.size());
            LOG.info("{}: {} leaf hashes waited for a frontier; placing the fold at {} instead", verifier.logUrl(),
                    pending.size(), leafIndex + 1);
            begin(leafIndex + 1);
        }
    }

    /** Asks for a proof when there is something to place and a head to place it in. */
    void tryAnchor() {
        if (index < 0 || inFlight || (proofs.needsLeafHash() && pending.isEmpty())) {
            return;
        }
        SignedTreeHead head = verifier.heads().get(index);
        if (head == null || !proofs.canAnchor(index, head) || proofs.needsLeafHash()) {
            head = null;
            for (SignedTreeHead candidate : verifier.heads().values()) {
                if (proofs.canAnchor(index, candidate)) {
                    head = candidate; // the largest: the most likely to be served everywhere
                }
            }
        }
        if (head == null || head.treeSize() <= triedWith) {
            return;
        }
        SignedTreeHead in = head;
        long at = index;
        long asked = generation;
        inFlight = true;
        triedWith = head.treeSize();
        metrics.proofRequested(proofs.needsLeafHash() ? "inclusion" : "hash_tiles");
        proofs.anchor(at, proofs.needsLeafHash() ? pending.get(0) : null, in).onComplete(result -> {
            if (asked != generation) {
                return; // begun again meanwhile: the answer is for leaves forgotten since
            }
            inFlight = false;
            if (result.succeeded()) {
                byte[][] waiting = pending.toArray(new byte[0][]);
                stop();
                verifier.anchored(at, result.result(), in, waiting);
            } else if (result.cause() instanceof LieException lie) {
                verifier.lied(lie.getMessage(), in, at);
            } else if (result.cause() instanceof TreeProofs.LeafElsewhere && pending.size() > 1) {
                pending.remove(0);
                index++;
                triedWith = -1;
                tryAnchor();
            } else {
                metrics.proofFailed();
                LOG.info("{}: cannot place leaf {} in the head of {} yet: {}", verifier.logUrl(), at, in.treeSize(),
                        result.cause().getMessage());
            }
        });
    }
}
