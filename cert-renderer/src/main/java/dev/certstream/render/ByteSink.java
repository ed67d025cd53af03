package dev.certstream.render;

import java.io.ByteArrayOutputStream;

/**
 * A byte array output stream that lets its owner read what was written in place, so that rendered JSON
 * is copied once, into the message, instead of first into an array of its own.
 */
final class ByteSink extends ByteArrayOutputStream {

    ByteSink(int size) {
        super(size);
    }

    /** The backing array: its first {@link #size()} bytes are what was written. */
    byte[] array() {
        return buf;
    }
}
