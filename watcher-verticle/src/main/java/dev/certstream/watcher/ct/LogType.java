package dev.certstream.watcher.ct;

/** The two CT log APIs the watcher reads, named as the wire format's {@code source.type} names them. */
public enum LogType {
    RFC6962("rfc6962"),
    STATIC_CT("static-ct");

    private final String wireName;

    LogType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
