package dev.certstream.render;

/** A certificate whose DER cannot be read at all (not a certificate, or cut before its mandatory fields). */
public final class CertificateParseException extends Exception {
    public CertificateParseException(String message) {
        super(message);
    }
}
