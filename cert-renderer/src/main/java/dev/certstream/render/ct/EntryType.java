package dev.certstream.render.ct;

/** The two kinds of CT log entry, named as the wire format's {@code update_type} names them. */
public enum EntryType {
    X509("X509LogEntry"),
    PRECERT("PrecertLogEntry");

    private final String updateType;

    EntryType(String updateType) {
        this.updateType = updateType;
    }

    /** The {@code update_type} value of the wire format. */
    public String updateType() {
        return updateType;
    }
}
