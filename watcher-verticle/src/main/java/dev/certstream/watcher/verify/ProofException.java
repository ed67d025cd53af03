package dev.certstream.watcher.verify;

/** A Merkle proof, signed head or hash tile that does not check out; the message says what differed. */
public final class ProofException extends Exception {
    public ProofException(String message) {
        super(message);
    }
}
