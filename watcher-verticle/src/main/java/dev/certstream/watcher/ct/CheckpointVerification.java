package dev.certstream.watcher.ct;

import dev.certstream.watcher.verify.SignedTreeHead;

/**
 * The outcome of checking a checkpoint against a log's key and origin.
 *
 * @param status      what was found
 * @param reason      a human-readable explanation for the logs and the log's {@code last_error}
 * @param timestampMs the signed tree head's timestamp (ms) when it verified, else -1
 * @param head        the log's signed tree head as its signature line carries it (the same struct get-sth
 *                    signs), verified or not; null when there is no readable line of the log's
 */
public record CheckpointVerification(Status status, String reason, long timestampMs, SignedTreeHead head) {

    /** What a checkpoint check can find; everything but {@link #VERIFIED} counts as a failure. */
    public enum Status {
        /** The log's RFC 6962 signature over this tree size and root hash verified. */
        VERIFIED,
        /** No signature line with the log's key name and key ID (only witnesses, or another key). */
        NO_MATCHING_SIGNATURE,
        /** The log's signature line is there but malformed, of the wrong algorithm, or does not verify. */
        BAD_SIGNATURE,
        /** The origin line is not the log's origin: this is another log's checkpoint. */
        WRONG_ORIGIN
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }

    static CheckpointVerification failed(Status status, String reason) {
        return failed(status, reason, null);
    }

    static CheckpointVerification failed(Status status, String reason, SignedTreeHead head) {
        return new CheckpointVerification(status, reason, -1, head);
    }
}
