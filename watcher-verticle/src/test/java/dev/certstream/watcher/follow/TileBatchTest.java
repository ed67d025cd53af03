package dev.certstream.watcher.follow;

import dev.certstream.render.EntryRenderer;
import dev.certstream.render.ct.Fingerprint;
import dev.certstream.render.ct.TileDecoder;
import dev.certstream.render.ct.TileEntry;
import dev.certstream.testing.TestData;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.ct.LogType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A data tile's range decoded from its bytes, its issuers named once, rendered with the issuers found. */
class TileBatchTest {

    private static final LogSource LOG = new LogSource("https://tiles.example/navigli/", "Navigli", "Example",
            LogType.STATIC_CT, "https://submit.example/navigli/", null, "usable");
    private static final String URL = LOG.url() + "tile/data/000";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static byte[] tile() {
        return TestData.bytes("static-ct/navigli2025h2/tile/data/000");
    }

    private static byte[] standIn() throws Exception {
        return TestData.firstCertificate(TestData.certs()
                .resolve("0687260331a72403d909f105e69bcf0d32e1bd2493ffc6d9206d11bcd6770739.pem"));
    }

    @Test
    void theIssuersOfTheRangeAreNamedOnce() throws Exception {
        TileBatch batch = TileBatch.decode(tile(), 0, 256, new EntryRange(0, 256), URL);
        JsonNode first = MAPPER.readTree(new String(TestData.bytes("static-ct/navigli2025h2/EXPECTED-entries.jsonl"))
                .lines().findFirst().orElseThrow());
        Fingerprint issuer = Fingerprint.of(HexFormat.of().parseHex(first.get("chain_fingerprints").get(0).asText()));
        assertEquals(issuer, batch.issuers().iterator().next());
        assertEquals(Set.copyOf(batch.issuers()).size(), batch.issuers().size());
    }

    @Test
    void theTilesFingerprintIsTheChainCacheKeyAndAMissingIssuerIsLeftOut() throws Exception {
        TileBatch batch = TileBatch.decode(tile(), 0, 20, new EntryRange(10, 20), URL);
        Fingerprint issuer = batch.issuers().iterator().next();
        EntryRenderer renderer = new EntryRenderer(16);
        RenderedBatch rendered = batch.render(new EnvelopeRenderer(renderer), LOG, Map.of(issuer, standIn()));
        assertEquals(10, rendered.start());
        assertEquals(10, rendered.count());
        assertEquals(10, rendered.envelopes().size());
        List<TileEntry> decoded = TileDecoder.decode(tile(), 0, 256).entries().subList(10, 20);
        for (int i = 0; i < 10; i++) {
            JsonNode chain = MAPPER.readTree(rendered.envelopes().get(i).full().getBytes()).get("data").get("chain");
            long named = decoded.get(i).chainFingerprints().stream().filter(issuer::equals).count();
            assertEquals(named, chain.size(), "only the issuer found is in the chain of entry " + (10 + i));
        }
        // Checked against the fingerprint when fetched, the issuer is not hashed again: the tile's
        // fingerprint is the key (here it is not the stand-in's SHA-256, which a re-hash would use).
        assertTrue(renderer.chainCache().cache().asMap().containsKey(issuer));
        assertFalse(renderer.chainCache().cache().asMap().containsKey(Fingerprint.sha256(standIn())));
        long uses = decoded.stream().flatMap(e -> e.chainFingerprints().stream()).filter(issuer::equals).count();
        assertTrue(uses > 1, "the issuer is named by several entries: " + uses);
        assertEquals(1, renderer.chainCache().misses());
        assertEquals(uses - 1, renderer.chainCache().hits());
    }

    @Test
    void aFramingBreakShortensTheBatchToWhatCameBeforeIt() {
        byte[] truncated = Arrays.copyOf(tile(), tile().length / 2);
        TileBatch batch = TileBatch.decode(truncated, 0, 256, new EntryRange(0, 256), URL);
        RenderedBatch rendered = batch.render(new EnvelopeRenderer(new EntryRenderer(16)), LOG, Map.of());
        int covered = rendered.count();
        assertEquals(covered, rendered.envelopes().size() + rendered.skipped().size());
        assertEquals(List.of(), rendered.skipped());
        FetchException e = assertThrows(FetchException.class,
                () -> TileBatch.decode(truncated, 0, 256, new EntryRange(covered, 256), URL));
        assertEquals(FetchException.Kind.BAD_BODY, e.kind());
    }

    @Test
    void leafHashesAreTheLogsOwnLevelZeroHashes() {
        // navigli2025h2's own hash tile 0/000 holds the leaf hashes of data tile 000.
        byte[] level0 = TestData.bytes("static-ct/navigli2025h2/tile/0/000");
        RenderedBatch whole = TileBatch.decode(tile(), 0, 256, new EntryRange(100, 256), URL)
                .render(new EnvelopeRenderer(new EntryRenderer(16)), LOG, Map.of());
        // The rest of the tile from entry 100 on, as a 206 answer to a Range request holds it.
        int from = TileDecoder.decode(tile(), 0, 256).entries().get(100).timestampedEntryFrom();
        RenderedBatch ranged = TileBatch.decode(Arrays.copyOfRange(tile(), from, tile().length), 100, 156,
                new EntryRange(100, 256), URL).render(new EnvelopeRenderer(new EntryRenderer(16)), LOG, Map.of());
        for (RenderedBatch rendered : List.of(whole, ranged)) {
            assertEquals(156, rendered.leafHashes().length);
            for (int i = 0; i < 156; i++) {
                assertArrayEquals(Arrays.copyOfRange(level0, 32 * (100 + i), 32 * (101 + i)), rendered.leafHashes()[i],
                        "leaf " + (100 + i));
            }
        }
    }
}
