package dev.certstream.contract;

/** The three renderings of a certificate that clients can subscribe to. */
public enum StreamKind {
    /** {@code certificate_update} without {@code leaf_cert.as_der} and {@code chain}: route {@code /}. */
    LITE,
    /** {@code certificate_update} with {@code as_der} and {@code chain}: route {@code /full-stream}. */
    FULL,
    /** {@code dns_entries}: route {@code /domains-only}. */
    DOMAINS
}
