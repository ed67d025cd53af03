package dev.certstream.watcher;

/** A structure that does not decode; thrown without a stack trace because malformed input is routine. */
final class DerException extends Exception {
    DerException(String message) {
        super(message, null, false, false);
    }
}
