package dev.certstream.watcher.ct;

import dev.certstream.testing.TestData;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gzip with and without the header, plain bytes, corrupt streams and a bomb over the cap. */
class BoundedGunzipTest {

    private static final int CAP = 1 << 20;

    @Test
    void inflatesSunlightsGzippedTileWithOrWithoutTheHeader() throws IOException {
        byte[] gzipped = TestData.bytes("static-ct/skylight-synthetic-rome2026h1/tile/data/000");
        byte[] text = "fake full data tile\n".getBytes(StandardCharsets.US_ASCII); // what `gzip -dc` prints
        assertArrayEquals(text, BoundedGunzip.decode(gzipped, "gzip", CAP));
        assertArrayEquals(text, BoundedGunzip.decode(gzipped, null, CAP));
        assertArrayEquals(text, BoundedGunzip.decode(gzipped, "x-gzip", CAP));
    }

    @Test
    void plainBytesPassThrough() throws IOException {
        byte[] tile = TestData.bytes("static-ct/navigli2025h2/tile/data/003.p/10");
        assertSame(tile, BoundedGunzip.decode(tile, null, CAP));
        assertSame(tile, BoundedGunzip.decode(tile, "identity", CAP));
    }

    /** The header says gzip, the bytes are not: a lower layer already inflated them, so they pass. */
    @Test
    void aGzipHeaderOverPlainBytesPassesThemThrough() throws IOException {
        byte[] tile = TestData.bytes("static-ct/navigli2025h2/tile/data/003.p/10");
        assertSame(tile, BoundedGunzip.decode(tile, "gzip", CAP));
        assertArrayEquals(new byte[0], BoundedGunzip.decode(new byte[0], "gzip", CAP));
    }

    @Test
    void aGzipBombStopsAtTheCap() throws IOException {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        assertTrue(bomb.length < 200_000, "64 MiB of zeros compress to " + bomb.length + " bytes");
        BoundedGunzip.SizeLimitExceededException e = assertThrows(BoundedGunzip.SizeLimitExceededException.class,
                () -> BoundedGunzip.decode(bomb, "gzip", CAP));
        assertTrue(e.getMessage().contains(String.valueOf(CAP)), e.getMessage());
    }

    @Test
    void theCapIsInclusive() throws IOException {
        byte[] exact = new byte[CAP];
        Arrays.fill(exact, (byte) 'a');
        assertEquals(CAP, BoundedGunzip.decode(gzip(exact), null, CAP).length);
        assertThrows(BoundedGunzip.SizeLimitExceededException.class,
                () -> BoundedGunzip.decode(gzip(exact), null, CAP - 1));
        assertThrows(BoundedGunzip.SizeLimitExceededException.class,
                () -> BoundedGunzip.decode(exact, null, CAP - 1));
    }

    @Test
    void corruptOrTruncatedGzipIsAnIOException() throws IOException {
        byte[] good = gzip("a data tile".getBytes(StandardCharsets.US_ASCII));
        assertThrows(IOException.class, () -> BoundedGunzip.decode(Arrays.copyOf(good, good.length - 6), "gzip", CAP));
        byte[] flipped = good.clone();
        flipped[flipped.length - 1] ^= 0x55; // the length in the trailer
        assertThrows(IOException.class, () -> BoundedGunzip.decode(flipped, "gzip", CAP));
        assertThrows(IOException.class, () -> BoundedGunzip.decode(new byte[] {0x1f, (byte) 0x8b, 8}, null, CAP));
    }

    /** The trailer's size is only a hint: several members, or a forged size, still inflate right or stop at the cap. */
    @Test
    void theTrailerSizeIsAHintNeverTrusted() throws IOException {
        byte[] first = "first member, ".getBytes(StandardCharsets.US_ASCII);
        byte[] second = new byte[100_000];
        Arrays.fill(second, (byte) 'b');
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        members.writeBytes(gzip(second));
        members.writeBytes(gzip(first)); // the trailer read last names only this small member
        byte[] inflated = BoundedGunzip.decode(members.toByteArray(), "gzip", CAP);
        assertEquals(second.length + first.length, inflated.length);
        assertArrayEquals(second, Arrays.copyOf(inflated, second.length));

        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        bomb[bomb.length - 4] = 10; // "10 bytes": the inflated size, forged
        bomb[bomb.length - 3] = 0;
        bomb[bomb.length - 2] = 0;
        bomb[bomb.length - 1] = 0;
        assertThrows(BoundedGunzip.SizeLimitExceededException.class, () -> BoundedGunzip.decode(bomb, "gzip", CAP));
    }

    @Test
    void anEncodingWeNeverAskedForIsRefused() {
        IOException e = assertThrows(IOException.class, () -> BoundedGunzip.decode(new byte[] {1}, "br", CAP));
        assertTrue(e.getMessage().contains("br"), e.getMessage());
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
