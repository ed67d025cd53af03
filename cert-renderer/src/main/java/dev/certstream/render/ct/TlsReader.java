package dev.certstream.render.ct;

import java.util.Arrays;

/**
 * A bounds-checked reader of TLS-encoded bytes (big-endian integers, length-prefixed vectors) over one
 * byte array; every read that would pass the end throws instead of returning garbage.
 */
public final class TlsReader {

    private final byte[] data;
    private final int end;
    private int position;

    public TlsReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code length} bytes of {@code data} from {@code offset}; offsets in errors stay those of {@code data}. */
    public TlsReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside " + data.length + " bytes");
        }
        this.data = data;
        this.position = offset;
        this.end = offset + length;
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return end - position;
    }

    public boolean hasRemaining() {
        return position < end;
    }

    public int readUint8(String field) throws TlsFormatException {
        return (int) readUnsigned(1, field);
    }

    public int readUint16(String field) throws TlsFormatException {
        return (int) readUnsigned(2, field);
    }

    public int readUint24(String field) throws TlsFormatException {
        return (int) readUnsigned(3, field);
    }

    public long readUint40(String field) throws TlsFormatException {
        return readUnsigned(5, field);
    }

    /** A uint64 that must fit in a Java long: CT timestamps and tree sizes never come near 2^63. */
    public long readUint64(String field) throws TlsFormatException {
        int start = position;
        long value = readUnsigned(8, field);
        if (value < 0) {
            throw new TlsFormatException(field + " does not fit in 63 bits", start);
        }
        return value;
    }

    /** A copy of the next {@code count} bytes. */
    public byte[] readBytes(int count, String field) throws TlsFormatException {
        require(count, field);
        byte[] copy = Arrays.copyOfRange(data, position, position + count);
        position += count;
        return copy;
    }

    /** An opaque vector whose length prefix has {@code lengthBytes} bytes (1, 2 or 3), as a copy. */
    public byte[] readOpaque(int lengthBytes, String field) throws TlsFormatException {
        int length = (int) readUnsigned(lengthBytes, field + " length");
        return readBytes(length, field);
    }

    /**
     * A reader over the next length-prefixed vector, which this reader skips; lets a caller walk a list
     * while the outer framing stays intact whatever the list holds.
     */
    public TlsReader readVector(int lengthBytes, String field) throws TlsFormatException {
        int length = (int) readUnsigned(lengthBytes, field + " length");
        require(length, field);
        TlsReader inner = new TlsReader(data, position, length);
        position += length;
        return inner;
    }

    /** Fails when bytes are left: TLS structures have no padding, so leftovers mean a misread. */
    public void expectEnd(String structure) throws TlsFormatException {
        if (hasRemaining()) {
            throw new TlsFormatException(remaining() + " unexpected bytes after " + structure, position);
        }
    }

    private long readUnsigned(int width, String field) throws TlsFormatException {
        if (width < 1 || width > 8) {
            throw new IllegalArgumentException("integer width " + width);
        }
        require(width, field);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = (value << 8) | (data[position + i] & 0xFF);
        }
        position += width;
        return value;
    }

    private void require(int count, String field) throws TlsFormatException {
        if (count > end - position) {
            throw new TlsFormatException("truncated " + field + ": needs " + count + " bytes, "
                    + (end - position) + " left", position);
        }
    }
}
