package dev.certstream.watcher.follow;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.EntryRenderer;
import dev.certstream.render.Renderings;
import dev.certstream.render.ct.LeafInputDecoder;
import dev.certstream.testing.TestData;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.ct.LogType;
import dev.certstream.watcher.verify.MerkleHash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A get-entries page read straight from its bytes: entries rendered one by one, a broken body refused whole. */
class Rfc6962PageTest {

    static final LogSource LOG = new LogSource("https://ct.example/log/", "Example log", "Example", LogType.RFC6962,
            null, null, "usable");
    private static final long SEEN = 1_764_000_000_123_456L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String URL = LOG.url() + "ct/v1/get-entries?start=100&end=103";

    private final EnvelopeRenderer envelopes = new EnvelopeRenderer(new EntryRenderer(16), () -> SEEN);

    private static byte[] realPage() {
        return TestData.bytes("rfc6962/ctgo-scanner-FourEntries.get-entries.json");
    }

    @Test
    void eachEntryIsTheRenderersBytesInSlicesOfOneArray() throws Exception {
        RenderedBatch batch = Rfc6962Page.render(realPage(), LOG, new EntryRange(100, 104), URL, envelopes);
        assertEquals(100, batch.start());
        assertEquals(4, batch.count());
        assertEquals(List.of(), batch.skipped());
        JsonNode entries = MAPPER.readTree(realPage()).get("entries");
        EntryRenderer reference = new EntryRenderer(16);
        for (int i = 0; i < 4; i++) {
            CertificateEnvelope envelope = batch.envelopes().get(i);
            long index = 100 + i;
            Renderings expected = reference.render(LeafInputDecoder.decodeBase64(index,
                    entries.get(i).get("leaf_input").asText(), entries.get(i).get("extra_data").asText(),
                    LOG.url() + "ct/v1/get-entries?start=" + index + "&end=" + index), LOG, SEEN);
            assertEquals(index, envelope.index());
            assertEquals(SEEN, envelope.seenMicros());
            // What the watcher sent before: each message in a Buffer of its own.
            assertEquals(Buffer.buffer(expected.full()), envelope.full(), "full " + index);
            assertEquals(Buffer.buffer(expected.lite()), envelope.lite(), "lite " + index);
            assertEquals(Buffer.buffer(expected.domains()), envelope.domains(), "domains " + index);
            assertEquals(expected.allDomains(), envelope.facts().domains());
            assertEquals(LOG.operator(), envelope.facts().logOperator());
            assertArrayEquals(MerkleHash.leaf(Base64.getDecoder().decode(entries.get(i).get("leaf_input").asText())),
                    batch.leafHashes()[i], "the leaf hash of the leaf_input as served");
        }
        // The renderings are the arrays the envelopes slice: setting verified shows in the envelope.
        batch.renderings().get(2).markVerified();
        assertTrue(batch.envelopes().get(2).lite().toString().contains("\"verified\": true"));
    }

    @Test
    void aBadEntryCostsOnlyItself() throws Exception {
        ArrayNode good = (ArrayNode) MAPPER.readTree(realPage()).get("entries");
        ArrayNode entries = MAPPER.createArrayNode();
        entries.add(good.get(0));
        entries.add(MAPPER.createObjectNode().put("leaf_input", 5).put("extra_data", "AAAA"));
        entries.add("not an object");
        entries.add(((ObjectNode) good.get(1).deepCopy()).put("leaf_input", "!!not base64!!"));
        entries.add(((ObjectNode) good.get(2).deepCopy()).put("extra_data", "AQ=="));
        entries.add(good.get(3));
        RenderedBatch batch = Rfc6962Page.render(page(entries), LOG, new EntryRange(100, 106), URL, envelopes);
        assertEquals(6, batch.count());
        assertEquals(List.of(100L, 105L), batch.envelopes().stream().map(CertificateEnvelope::index).toList());
        assertEquals(List.of(101L, 102L, 103L, 104L), batch.skipped().stream().map(SkippedEntry::index).toList());
        assertTrue(batch.skipped().get(0).reason().contains("leaf_input and extra_data"), batch.skipped().get(0).reason());
        assertTrue(batch.skipped().get(2).reason().startsWith("IllegalArgumentException"), batch.skipped().get(2).reason());
        assertTrue(batch.skipped().get(3).reason().startsWith("EntryDecodeException"), batch.skipped().get(3).reason());
    }

    @Test
    void entriesPastTheAskedRangeAreIgnored() {
        RenderedBatch batch = Rfc6962Page.render(realPage(), LOG, new EntryRange(7, 9), URL, envelopes);
        assertEquals(2, batch.count());
        assertEquals(List.of(7L, 8L), batch.envelopes().stream().map(CertificateEnvelope::index).toList());
    }

    @Test
    void aShortPageCoversWhatItHolds() {
        RenderedBatch batch = Rfc6962Page.render(realPage(), LOG, new EntryRange(0, 256), URL, envelopes);
        assertEquals(4, batch.count());
    }

    @Test
    void aBodyThatIsNotAnEntriesPageThroughoutLosesThePage() {
        byte[] page = realPage();
        for (byte[] body : List.of(Arrays.copyOf(page, page.length / 2), concat(page, " {}"), ascii(""),
                ascii("[]"), ascii("{\"entries\":{}}"), ascii("{\"entries\":[]}"), ascii("{\"other\":[1]}"))) {
            FetchException e = assertThrows(FetchException.class,
                    () -> Rfc6962Page.render(body, LOG, new EntryRange(0, 4), URL, envelopes));
            assertEquals(FetchException.Kind.BAD_BODY, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains(URL), e.getMessage());
        }
    }

    @Test
    void otherFieldsAndARepeatedEntriesFieldReadAsAJsonObjectWould() throws Exception {
        String entries = MAPPER.readTree(realPage()).get("entries").toString();
        byte[] body = ascii("{\"entries\":[{\"x\":1}],\"extra\":{\"nested\":[1,{\"a\":null}]},\"entries\":" + entries + "}");
        RenderedBatch batch = Rfc6962Page.render(body, LOG, new EntryRange(0, 4), URL, envelopes);
        assertEquals(4, batch.envelopes().size());
        assertEquals(List.of(), batch.skipped());
    }

    private static byte[] page(ArrayNode entries) throws Exception {
        return MAPPER.writeValueAsBytes(MAPPER.createObjectNode().set("entries", entries));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] tail = ascii(b);
        byte[] out = Arrays.copyOf(a, a.length + tail.length);
        System.arraycopy(tail, 0, out, a.length, tail.length);
        return out;
    }
}
