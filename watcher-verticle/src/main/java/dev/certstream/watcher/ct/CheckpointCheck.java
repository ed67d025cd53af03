package dev.certstream.watcher.ct;

import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.verify.SignedTreeHead;

import java.util.Arrays;

/**
 * Turns one tiled log's checkpoint into a tree size to follow: parses it, checks the origin and, when
 * the log list gave a key, the log's signature; a checkpoint that fails is counted and refused (a bad
 * signature as {@code BAD_SIGNATURE}, with the head it carried). An unchanged checkpoint is not verified
 * twice (ECDSA verification costs about a millisecond).
 */
public final class CheckpointCheck {

    private final LogSource source;
    private final WatcherMetrics metrics;
    private final CheckpointVerifier verifier;
    private final String origin;
    private byte[] lastVerified;
    private long lastSize = -1;
    private SignedTreeHead lastHead;

    public CheckpointCheck(LogSource source, WatcherMetrics metrics) {
        this.source = source;
        this.metrics = metrics;
        this.origin = CheckpointVerifier.originOf(source.submissionUrl() == null ? source.url() : source.submissionUrl());
        CheckpointVerifier built = null;
        if (source.publicKeyDer() != null) {
            try {
                built = new CheckpointVerifier(source.publicKeyDer(), origin);
            } catch (IllegalArgumentException unusableKey) {
                // Counted on every checkpoint below: a log whose key we cannot use is followed unverified.
                built = null;
            }
        }
        this.verifier = built;
    }

    /** The checkpoint's tree size; throws a {@link FetchException} (BAD_BODY) for a refused checkpoint. */
    public long treeSize(byte[] note, String url) {
        if (lastVerified != null && Arrays.equals(lastVerified, note)) {
            return lastSize;
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(note);
        } catch (CheckpointFormatException e) {
            throw refuse("checkpoint " + url + " is malformed: " + e.getMessage());
        }
        if (!checkpoint.origin().equals(origin)) {
            throw refuse("checkpoint " + url + " is for origin '" + checkpoint.origin() + "', not '" + origin + "'");
        }
        SignedTreeHead head = null;
        if (verifier != null) {
            CheckpointVerification verification = verifier.verify(checkpoint);
            if (!verification.verified()) {
                String message = "checkpoint " + url + " refused: " + verification.status() + " " + verification.reason();
                metrics.checkpointRejected(source.url());
                throw FetchException.badSignature(message, verification.head());
            }
            head = verification.head();
        } else if (source.publicKeyDer() != null) {
            metrics.checkpointUnverified(source.url());
        }
        lastVerified = note;
        lastSize = checkpoint.treeSize();
        lastHead = head;
        return lastSize;
    }

    /** The signed head of the last checkpoint accepted, or null when the log has no usable key. */
    public SignedTreeHead lastHead() {
        return lastHead;
    }

    private FetchException refuse(String message) {
        metrics.checkpointRejected(source.url());
        return new FetchException(FetchException.Kind.BAD_BODY, message);
    }
}
