package dev.certstream.render.ct;

/** Bytes that do not follow the TLS presentation-language structure being read (RFC 8446 §3). */
public final class TlsFormatException extends Exception {

    private final int offset;

    public TlsFormatException(String message, int offset) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /** The byte offset, within the buffer being read, where the structure broke. */
    public int offset() {
        return offset;
    }
}
