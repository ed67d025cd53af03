package dev.certstream.render.asn1;

/** A structure that does not decode; thrown without a stack trace because malformed input is routine. */
public final class DerException extends Exception {
    public DerException(String message) {
        super(message, null, false, false);
    }
}
