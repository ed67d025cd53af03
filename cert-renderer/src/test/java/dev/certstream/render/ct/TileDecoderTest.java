package dev.certstream.render.ct;

import dev.certstream.testing.TlsTestWriter;

import dev.certstream.testing.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real navigli2025h2 tiles against EXPECTED-entries.jsonl, and broken tiles. */
class TileDecoderTest {

    private static final String TILES = "static-ct/navigli2025h2/tile/data/";

    @Test
    void theFourFullTilesDecodeToExactlyTheExpectedEntries() throws Exception {
        List<JsonNode> expected = expectedEntries();
        assertEquals(1024, expected.size());
        List<TileEntry> all = new ArrayList<>();
        for (int tile = 0; tile < 4; tile++) {
            TileDecodeResult result = TileDecoder.decode(TestData.bytes(TILES + TilePath.encodeIndex(tile)),
                    tile * 256L, 256);
            assertTrue(result.complete(), () -> "tile " + result.source() + ": " + result.framingError()
                    + " " + result.entryErrors());
            assertEquals("tile/data/00" + tile, result.source());
            all.addAll(result.entries());
        }
        assertEquals(1024, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertMatches(expected.get(i), all.get(i));
        }
    }

    @Test
    void thePartialTileIsTheFirstTenEntriesOfTileThree() {
        TileDecodeResult partial = TileDecoder.decode(TestData.bytes(TILES + "003.p/10"), 768, 10);
        TileDecodeResult full = TileDecoder.decode(TestData.bytes(TILES + "003"), 768, 256);
        assertTrue(partial.complete(), String.valueOf(partial.framingError()));
        assertEquals("tile/data/003.p/10", partial.source());
        assertEquals(10, partial.entries().size());
        for (int i = 0; i < 10; i++) {
            assertSameEntry(full.entries().get(i), partial.entries().get(i));
        }
    }

    /** Re-encoding every decoded entry must give back the tile byte for byte: nothing skipped or misplaced. */
    @Test
    void reEncodingTheEntriesGivesBackTheTile() {
        byte[] tile = TestData.bytes(TILES + "001");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TileDecoder.decode(tile, 256, 256).entries().forEach(e -> out.writeBytes(tileLeaf(e)));
        assertArrayEquals(tile, out.toByteArray());
    }

    @Test
    void truncationKeepsEveryEntryBeforeTheBreak() {
        byte[] tile = TestData.bytes(TILES + "000");
        List<TileEntry> good = TileDecoder.decode(tile, 0, 256).entries();
        int[] ends = entryEnds(good);
        // Cut at every entry boundary, one byte short of it, and one byte into the next entry.
        for (int entry = 0; entry < 256; entry += 17) {
            if (entry < 255) {
                assertTruncated(tile, ends[entry], entry + 1, "tile holds only " + (entry + 1) + " entries", good);
            }
            assertTruncated(tile, ends[entry] - 1, entry, "framing broken: truncated", good);
            if (entry < 255) {
                assertTruncated(tile, ends[entry] + 1, entry + 1, "framing broken: truncated", good);
            }
        }
        assertTruncated(tile, 0, 0, "tile holds only 0 entries", good);
        assertTruncated(tile, tile.length - 1, 255, "framing broken", good);
    }

    @Test
    void aFullTileReadAsPartialReportsTheTrailingBytesAndKeepsTheEntries() {
        TileDecodeResult result = TileDecoder.decode(TestData.bytes(TILES + "003"), 768, 10);
        assertEquals(10, result.entries().size());
        assertEquals(778, result.framingError().index());
        assertTrue(result.framingError().getMessage().contains("after the 10 expected entries"),
                result.framingError().getMessage());
    }

    @Test
    void aTileAtTheWrongPositionYieldsNoEntries() {
        TileDecodeResult result = TileDecoder.decode(TestData.bytes(TILES + "001"), 0, 256);
        assertEquals(0, result.entries().size());
        assertEquals(256, result.entryErrors().size());
        assertNull(result.framingError(), "the framing is fine, only the positions disagree");
        assertTrue(result.entryErrors().get(3).getMessage().contains("leaf_index extension says 259, position says 3"),
                result.entryErrors().get(3).getMessage());
    }

    @Test
    void aLeafIndexMismatchCostsOnlyThatEntry() {
        byte[] tile = concat(x509Leaf(512, 512), x509Leaf(513, 7), x509Leaf(514, 514));
        TileDecodeResult result = TileDecoder.decode(tile, 512, 3);
        assertNull(result.framingError());
        assertEquals(List.of(512L, 514L), result.entries().stream().map(TileEntry::index).toList());
        assertEquals(1, result.entryErrors().size());
        assertEquals(513, result.entryErrors().get(0).index());
        assertEquals("tile/data/002.p/3", result.entryErrors().get(0).source());
        TileEntry x509 = result.entries().get(1);
        assertEquals(EntryType.X509, x509.type());
        assertNull(x509.tbs());
        assertNull(x509.issuerKeyHash());
        assertArrayEquals("cert 514".getBytes(StandardCharsets.US_ASCII), x509.leafDer());
        assertEquals(2, x509.chainFingerprints().size());
        assertEquals(1000, x509.timestampMs());
    }

    @Test
    void contentErrorsAreReportedPerEntry() {
        byte[] unknownExtensionToo = new TlsTestWriter().uint(1, 9).opaque(2, new byte[] {1})
                .bytes(TlsTestWriter.leafIndexExtension(1)).toBytes();
        byte[] duplicate = concat(TlsTestWriter.leafIndexExtension(2), TlsTestWriter.leafIndexExtension(2));
        byte[] shortIndex = new TlsTestWriter().uint(1, 0).opaque(2, new byte[] {0, 0, 3}).toBytes();
        byte[] tile = concat(
                leaf(0, "x".getBytes(StandardCharsets.US_ASCII), new byte[0], new byte[32]),
                leaf(1, "y".getBytes(StandardCharsets.US_ASCII), unknownExtensionToo, new byte[0]),
                leaf(2, "z".getBytes(StandardCharsets.US_ASCII), duplicate, new byte[0]),
                leaf(3, "w".getBytes(StandardCharsets.US_ASCII), shortIndex, new byte[0]),
                leaf(4, "v".getBytes(StandardCharsets.US_ASCII), TlsTestWriter.leafIndexExtension(4), new byte[33]),
                leaf(5, new byte[0], TlsTestWriter.leafIndexExtension(5), new byte[0]),
                leaf(6, "u".getBytes(StandardCharsets.US_ASCII), TlsTestWriter.leafIndexExtension(6), new byte[64]));
        TileDecodeResult result = TileDecoder.decode(tile, 0, 7);
        assertNull(result.framingError());
        assertEquals(List.of(1L, 6L), result.entries().stream().map(TileEntry::index).toList());
        List<String> messages = result.entryErrors().stream().map(Throwable::getMessage).toList();
        assertEquals(5, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains("entry 0: no leaf_index extension"), messages.get(0));
        assertTrue(messages.get(1).contains("entry 2: duplicate extension type 0"), messages.get(1));
        assertTrue(messages.get(2).contains("entry 3: leaf_index extension of 3 bytes"), messages.get(2));
        assertTrue(messages.get(3).contains("entry 4: certificate_chain of 33 bytes"), messages.get(3));
        assertTrue(messages.get(4).contains("entry 5: empty certificate"), messages.get(4));
    }

    @Test
    void anUnknownEntryTypeBreaksTheFraming() {
        byte[] good = x509Leaf(0, 0);
        byte[] bad = x509Leaf(1, 1);
        bad[9] = 2;
        TileDecodeResult result = TileDecoder.decode(concat(good, bad, x509Leaf(2, 2)), 0, 3);
        assertEquals(1, result.entries().size());
        assertEquals(1, result.framingError().index());
        assertTrue(result.framingError().getMessage().contains("unknown entry_type 2"),
                result.framingError().getMessage());
    }

    /**
     * Random damage anywhere: the decoder never throws, and every entry that ends before the damaged byte
     * comes back unchanged (a timestamp or certificate byte can change undetected, which only the Merkle
     * tree could catch, so entries at or after the damage are only checked for order).
     */
    @Test
    void randomCorruptionNeverThrowsAndKeepsEveryEntryBeforeTheDamage() {
        byte[] tile = TestData.bytes(TILES + "002");
        List<TileEntry> original = TileDecoder.decode(tile, 512, 256).entries();
        int[] ends = entryEnds(original);
        java.util.Random random = new java.util.Random(256);
        for (int round = 0; round < 300; round++) {
            byte[] bad = tile.clone();
            int at = random.nextInt(bad.length);
            bad[at] = (byte) (bad[at] ^ (1 + random.nextInt(255)));
            TileDecodeResult result = TileDecoder.decode(bad, 512, 256);
            assertTrue(result.framedCount() <= 256);
            int intact = 0;
            while (ends[intact] <= at) {
                intact++;
            }
            assertTrue(result.entries().size() >= intact, "round " + round + ": lost an entry before the damage");
            for (int i = 0; i < intact; i++) {
                assertSameEntry(original.get(i), result.entries().get(i));
            }
            long last = -1;
            for (TileEntry entry : result.entries()) {
                assertTrue(entry.index() > last, "entries in order");
                last = entry.index();
            }
        }
    }

    private static void assertTruncated(byte[] tile, int length, int goodEntries, String message,
                                        List<TileEntry> original) {
        TileDecodeResult result = TileDecoder.decode(Arrays.copyOf(tile, length), 0, 256);
        assertEquals(goodEntries, result.entries().size(), "cut at " + length);
        assertEquals(goodEntries, result.framingError().index(), "cut at " + length);
        assertTrue(result.framingError().getMessage().startsWith("tile/data/000 entry " + goodEntries),
                result.framingError().getMessage());
        assertTrue(result.framingError().getMessage().contains(message), result.framingError().getMessage());
        for (int i = 0; i < goodEntries; i++) {
            assertSameEntry(original.get(i), result.entries().get(i));
        }
    }

    private static int[] entryEnds(List<TileEntry> entries) {
        int[] ends = new int[entries.size()];
        int end = 0;
        for (int i = 0; i < entries.size(); i++) {
            end += tileLeaf(entries.get(i)).length;
            ends[i] = end;
        }
        return ends;
    }

    private static void assertMatches(JsonNode expected, TileEntry entry) {
        long index = expected.get("index").asLong();
        String where = "entry " + index;
        assertEquals(index, entry.index(), where);
        assertEquals(expected.get("leaf_index_extension").asLong(), entry.index(), where);
        assertEquals(expected.get("timestamp_ms").asLong(), entry.timestampMs(), where);
        assertEquals(expected.get("entry_type").asText(), entry.type() == EntryType.PRECERT ? "precert_entry"
                : "x509_entry", where);
        assertEquals(expected.get("issuer_key_hash").asText(), TestData.hex(entry.issuerKeyHash()), where);
        assertEquals(expected.get("tbs_length").asInt(), entry.tbs().length, where);
        assertEquals(expected.get("certificate_sha256").asText(), TestData.hex(TestData.sha256(entry.leafDer())),
                where);
        List<String> chain = new ArrayList<>();
        expected.get("chain_fingerprints").forEach(f -> chain.add(f.asText()));
        assertEquals(chain, entry.chainFingerprints().stream().map(Fingerprint::hex).toList(), where);
    }

    private static void assertSameEntry(TileEntry expected, TileEntry actual) {
        assertEquals(expected.index(), actual.index());
        assertEquals(expected.timestampMs(), actual.timestampMs());
        assertEquals(expected.type(), actual.type());
        assertArrayEquals(expected.leafDer(), actual.leafDer());
        assertArrayEquals(expected.issuerKeyHash(), actual.issuerKeyHash());
        assertArrayEquals(expected.tbs(), actual.tbs());
        assertEquals(expected.chainFingerprints().size(), actual.chainFingerprints().size());
        for (int i = 0; i < expected.chainFingerprints().size(); i++) {
            assertArrayEquals(expected.chainFingerprints().get(i).bytes(), actual.chainFingerprints().get(i).bytes());
        }
    }

    private static List<JsonNode> expectedEntries() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> entries = new ArrayList<>();
        for (String line : new String(TestData.bytes("static-ct/navigli2025h2/EXPECTED-entries.jsonl"),
                StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                entries.add(mapper.readTree(line));
            }
        }
        return entries;
    }

    private static byte[] x509Leaf(long index, long leafIndex) {
        byte[] chain = new byte[64];
        chain[0] = (byte) index;
        return TlsTestWriter.tileLeaf(1000 + index % 2, ("cert " + index).getBytes(StandardCharsets.US_ASCII), null,
                null, TlsTestWriter.leafIndexExtension(leafIndex), null, chain);
    }

    private static byte[] leaf(long timestamp, byte[] certificate, byte[] extensions, byte[] chain) {
        return TlsTestWriter.tileLeaf(timestamp, certificate, null, null, extensions, null, chain);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Re-encodes a decoded tile entry, to check the decoder read every byte where it belonged. */
    private static byte[] tileLeaf(TileEntry entry) {
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        entry.chainFingerprints().forEach(f -> chain.writeBytes(f.bytes()));
        boolean precert = entry.tbs() != null;
        return TlsTestWriter.tileLeaf(entry.timestampMs(), precert ? null : entry.leafDer(), entry.issuerKeyHash(), entry.tbs(),
                TlsTestWriter.leafIndexExtension(entry.index()), precert ? entry.leafDer() : null, chain.toByteArray());
    }
}
