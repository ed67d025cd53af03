package dev.certstream.render;

import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.render.ct.EntryType;
import dev.certstream.render.ct.LeafInputDecoder;
import dev.certstream.render.ct.TileDecoder;
import dev.certstream.render.ct.TileEntry;
import dev.certstream.testing.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The bytes clients receive do not change when the renderer's insides do: every testdata certificate as
 * a leaf (x509 and precert entries, chains that hit and miss the cache, a chain certificate that does not
 * parse), the real get-entries entries and a navigli tile are rendered and compared, digest by digest,
 * with what the renderer of commit da58d39 (three separately assembled arrays) produced, once the fields
 * added to the contract since ({@code "verified":false} after {@code cert_index} and {@code issuance_id}, each
 * checked to be there exactly once) are taken out again.
 * {@code -Dgolden.write=<file>} writes the digests of the current renderer instead of comparing.
 */
class RenderingsGoldenTest {
    private static final String GOLDEN = "/golden/renderings-da58d39.sha256";
    private static final LogDescription SOURCE = new EntryRendererTest.Source("https://ct.example/log/é/",
            "Golden \"quoted\" log \u2603", "Golden Operator", "static-ct");

    @Test
    void everyRenderingIsByteIdenticalToTheOldAssembly() throws Exception {
        List<String> actual = digests();
        String write = System.getProperty("golden.write");
        if (write != null) {
            Files.write(Path.of(write), actual, StandardCharsets.UTF_8);
            return;
        }
        List<String> expected;
        try (InputStream in = RenderingsGoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN + " is missing");
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertEquals(expected.size(), actual.size(), "entries rendered");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "entry line " + i);
        }
    }

    /** One line per entry: its label, then SHA-256 of full, lite, dns_entries and of the facts. */
    static List<String> digests() throws Exception {
        EntryRenderer renderer = new EntryRenderer(16);
        List<String> lines = new ArrayList<>();
        List<Path> pems = TestData.oracleCertificates();
        List<byte[]> ders = new ArrayList<>();
        for (Path pem : pems) {
            ders.add(TestData.firstCertificate(pem));
        }
        byte[] garbage = "not a certificate at all".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < ders.size(); i++) {
            List<byte[]> chain = i % 7 == 3
                    ? List.of(garbage, ders.get((i + 1) % ders.size()))
                    : List.of(ders.get((i + 1) % ders.size()), ders.get((i * 5 + 2) % ders.size()));
            EntryType type = i % 3 == 0 ? EntryType.PRECERT : EntryType.X509;
            DecodedEntry entry = new DecodedEntry(1000L + i, 1_700_000_000_000L + i * 37L, type, ders.get(i),
                    chain, SOURCE.url() + "tile/data/" + i);
            lines.add(line("cert " + pems.get(i).getFileName(), renderer, entry));
        }
        ObjectMapper mapper = new ObjectMapper();
        for (String file : List.of("rfc6962/ctgo-scanner-FourEntries.get-entries.json",
                "rfc6962/ctgo-logclient-precert-and-cert.get-entries.json")) {
            JsonNode page = mapper.readTree(TestData.bytes(file)).get("entries");
            for (int i = 0; i < page.size(); i++) {
                DecodedEntry entry = LeafInputDecoder.decodeBase64(i, page.get(i).get("leaf_input").asText(),
                        page.get(i).get("extra_data").asText(), SOURCE.url() + "ct/v1/get-entries?start=" + i);
                lines.add(line(file + " " + i, renderer, entry));
            }
        }
        List<byte[]> cas = List.of(EntryRendererTest.cert(EntryRendererTest.CA2), EntryRendererTest.cert(EntryRendererTest.CA1));
        byte[] tile = TestData.bytes("static-ct/navigli2025h2/tile/data/000");
        for (TileEntry entry : TileDecoder.decode(tile, 0, 256).entries()) {
            lines.add(line("navigli " + entry.index(), renderer,
                    entry.toDecodedEntry(cas, SOURCE.url() + "tile/data/000")));
        }
        return lines;
    }

    private static String line(String label, EntryRenderer renderer, DecodedEntry entry) throws IOException {
        try {
            Renderings r = renderer.render(entry, SOURCE, 1_764_000_000_123_456L + entry.index());
            String facts = String.join("\n", r.allDomains()) + "|" + r.issuerOrganization() + "|"
                    + r.issuerCommonName() + "|" + TestData.hex(r.leafSha256());
            return label + " " + hex(withoutAdditions(r.full(), r)) + " " + hex(withoutAdditions(r.lite(), r)) + " "
                    + hex(r.domains()) + " " + hex(facts.getBytes(StandardCharsets.UTF_8));
        } catch (CertificateParseException e) {
            return label + " refused";
        }
    }

    /** The message as da58d39 wrote it: without the fields added since, each of which must be there once. */
    private static byte[] withoutAdditions(byte[] message, Renderings r) {
        String json = new String(withoutVerified(message), StandardCharsets.UTF_8);
        String issuance = ",\"issuance_id\":\"" + java.util.HexFormat.of().formatHex(r.issuanceId()) + "\"";
        assertEquals(1, json.split(java.util.regex.Pattern.quote(issuance), -1).length - 1, "issuance_id in " + json);
        return json.replace(issuance, "").getBytes(StandardCharsets.UTF_8);
    }

    /** The message without the verified field, which must be there once, after cert_index. */
    static byte[] withoutVerified(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        String field = ",\"verified\":false,\"cert_link\"";
        int at = text.indexOf(field);
        if (at < 0 || text.indexOf(field, at + 1) >= 0) {
            throw new AssertionError("verified is not in the message once, after cert_index: " + text);
        }
        return (text.substring(0, at) + text.substring(at + field.length() - ",\"cert_link\"".length()))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return TestData.hex(TestData.sha256(bytes));
    }
}
