package dev.certstream.watcher.verify;

/**
 * A log's answer that provably does not fit its own signed heads (a proof that does not verify, hash tiles
 * that do not fold to the checkpoint's root): evidence of misbehaviour, unlike a failed or empty answer.
 */
public final class LieException extends RuntimeException {
    public LieException(String message) {
        super(message);
    }
}
