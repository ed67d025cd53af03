package dev.certstream.watcher.ct;

/** A checkpoint that is not a well-formed signed note (c2sp.org/signed-note, c2sp.org/tlog-checkpoint). */
public final class CheckpointFormatException extends Exception {

    public CheckpointFormatException(String message) {
        super(message);
    }

    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
