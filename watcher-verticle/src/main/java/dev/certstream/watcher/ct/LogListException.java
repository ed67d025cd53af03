package dev.certstream.watcher.ct;

/** A log list that cannot be used at all (not JSON, no operators); the previous good list stays. */
public final class LogListException extends RuntimeException {

    public LogListException(String message) {
        super(message);
    }
}
