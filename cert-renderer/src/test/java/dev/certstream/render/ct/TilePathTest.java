package dev.certstream.render.ct;

import dev.certstream.testing.TestData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tile paths against the spec's examples and the files Sunlight wrote. */
class TilePathTest {

    /** The spec's examples (0, 1234, 1234067) plus the edges of each three-digit group. */
    @ParameterizedTest
    @CsvSource({
        "0, 000",
        "5, 005",
        "999, 999",
        "1000, x001/000",
        "1234, x001/234",
        "1234067, x001/x234/067",
        "1000000, x001/x000/000",
        "999999999, x999/x999/999",
        "1000000000, x001/x000/x000/000",
    })
    void encodesTheTileIndexInThreeDigitGroups(long index, String path) {
        assertEquals(path, TilePath.encodeIndex(index));
    }

    @Test
    void dataAndHashTilePaths() {
        assertEquals("tile/data/x001/x234/067", TilePath.dataTile(1234067, 256));
        assertEquals("tile/data/003.p/10", TilePath.dataTile(3, 10));
        assertEquals("tile/0/x001/234.p/255", TilePath.hashTile(0, 1234, 255));
        assertEquals("tile/5/000.p/1", TilePath.hashTile(5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> TilePath.dataTile(0, 0));
        assertThrows(IllegalArgumentException.class, () -> TilePath.dataTile(0, 257));
        assertThrows(IllegalArgumentException.class, () -> TilePath.hashTile(6, 0, 256));
        assertThrows(IllegalArgumentException.class, () -> TilePath.encodeIndex(-1));
    }

    @Test
    void pathsNameTheFilesSunlightWrote() {
        assertTrue(Files.isRegularFile(TestData.path("").resolve("static-ct/navigli2025h2/"
                + TilePath.dataTile(3, 10))));
        assertTrue(Files.isRegularFile(TestData.path("").resolve("static-ct/navigli2025h2/"
                + TilePath.hashTile(0, 3, 10))));
        assertTrue(Files.isRegularFile(TestData.path("").resolve("static-ct/skylight-synthetic-rome2026h1/"
                + TilePath.issuer(TestData.sha256(TestData.bytes(
                        "static-ct/skylight-synthetic-rome2026h1/issuer/"
                                + "76a2d477b477d00f6fe635ec3faf0984b0584127ab6ea9c46b1dd569496b5c3d"))))));
    }

    @Test
    void entryToTileArithmetic() {
        assertEquals(0, TilePath.tileIndex(0));
        assertEquals(0, TilePath.tileIndex(255));
        assertEquals(1, TilePath.tileIndex(256));
        assertEquals(4820, TilePath.tileIndex(1_234_067));
        assertEquals(1_233_920, TilePath.firstIndex(4820));
        // The spec's tree of size 70,000: 273 full level-0 tiles, then a partial one of width 112.
        assertEquals(256, TilePath.widthAt(272, 70_000));
        assertEquals(112, TilePath.widthAt(273, 70_000));
        assertThrows(IllegalArgumentException.class, () -> TilePath.widthAt(274, 70_000));
        assertEquals(256, TilePath.widthAt(0, 256));
        assertThrows(IllegalArgumentException.class, () -> TilePath.widthAt(1, 256));
    }

    @Test
    void urlsUnderAMonitoringPrefix() {
        assertEquals("https://navigli2025h2.sunlight.geomys.org/tile/data/x001/234",
                TilePath.url("https://navigli2025h2.sunlight.geomys.org/", TilePath.dataTile(1234, 256)));
        assertEquals("https://rome2026h1.example.org/checkpoint",
                TilePath.url("https://rome2026h1.example.org/", "checkpoint"));
        assertThrows(IllegalArgumentException.class, () -> TilePath.url("https://no-slash.example", "checkpoint"));
    }
}
