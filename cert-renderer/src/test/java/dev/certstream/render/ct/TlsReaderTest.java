package dev.certstream.render.ct;

import dev.certstream.testing.TlsTestWriter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bounds checks and integer widths of the TLS reader. */
class TlsReaderTest {

    @Test
    void readsBigEndianIntegersOfEveryWidth() throws Exception {
        byte[] data = new TlsTestWriter().uint(1, 0xAB).uint(2, 0xBEEF).uint(3, 0xC0FFEE).uint(5, 0x12_3456_789AL)
                .uint(8, 1_767_139_200_000L).toBytes();
        TlsReader reader = new TlsReader(data);
        assertEquals(0xAB, reader.readUint8("a"));
        assertEquals(0xBEEF, reader.readUint16("b"));
        assertEquals(0xC0FFEE, reader.readUint24("c"));
        assertEquals(0x12_3456_789AL, reader.readUint40("d"));
        assertEquals(1_767_139_200_000L, reader.readUint64("e"));
        assertFalse(reader.hasRemaining());
        reader.expectEnd("all");
    }

    @Test
    void refusesToReadPastTheEnd() {
        TlsReader reader = new TlsReader(new byte[] {0, 5, 1, 2});
        TlsFormatException e = assertThrows(TlsFormatException.class, () -> reader.readOpaque(2, "cert"));
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("truncated cert"), e.getMessage());
        assertThrows(TlsFormatException.class, () -> new TlsReader(new byte[3]).readUint64("t"));
    }

    @Test
    void refusesAUint64AboveTheSignedRange() {
        byte[] data = new TlsTestWriter().uint(8, -1L).toBytes();
        assertThrows(TlsFormatException.class, () -> new TlsReader(data).readUint64("timestamp"));
    }

    @Test
    void vectorReaderStaysInsideItsVectorAndSkipsIt() throws Exception {
        byte[] data = new TlsTestWriter().opaque(2, new byte[] {7, 8, 9}).uint(1, 42).toBytes();
        TlsReader outer = new TlsReader(data);
        TlsReader inner = outer.readVector(2, "list");
        assertEquals(42, outer.readUint8("after"));
        assertArrayEquals(new byte[] {7, 8}, inner.readBytes(2, "x"));
        assertThrows(TlsFormatException.class, () -> inner.readUint16("past the vector"));
        assertEquals(9, inner.readUint8("last"));
    }

    @Test
    void expectEndReportsLeftovers() {
        TlsReader reader = new TlsReader(new byte[] {1, 2, 3}, 1, 2);
        TlsFormatException e = assertThrows(TlsFormatException.class, () -> reader.expectEnd("thing"));
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("2 unexpected bytes after thing"), e.getMessage());
    }

    @Test
    void rejectsARangeOutsideTheArray() {
        assertThrows(IllegalArgumentException.class, () -> new TlsReader(new byte[4], 3, 2));
    }
}
