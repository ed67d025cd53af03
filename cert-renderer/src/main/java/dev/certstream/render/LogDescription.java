package dev.certstream.render;

/** The log an entry comes from, as the {@code source} object of a {@code certificate_update} names it. */
public interface LogDescription {

    /** The log's URL as the log list gives it. */
    String url();

    /** The log's description. */
    String name();

    /** The operator's name. */
    String operator();

    /** {@code rfc6962} or {@code static-ct}. */
    String typeName();
}
