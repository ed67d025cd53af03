package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.render.ct.EntryType;

import dev.certstream.testing.TestData;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three renderings of an entry, the chain cache, and chain certificates that do not parse. */
class EntryRendererTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** A Let's Encrypt-staging precertificate and two CA certificates from testdata/certs. */
    static final String LEAF = "06bdea3c9f5086eaf39ed3e0331e74fa873e15bc8c673090400bc5b7c4ab91f4";
    static final String CA1 = "001686cd181f83a1b1217d305b365c41e3470a78a1d37b134a98cd547b92dab3";
    static final String CA2 = "0687260331a72403d909f105e69bcf0d32e1bd2493ffc6d9206d11bcd6770739";
    static final LogDescription SOURCE = new Source("https://ct.example/log/", "Example \"quoted\" log",
            "Example Operator", "rfc6962");

    /** A log as the renderer sees it. */
    record Source(String url, String name, String operator, String typeName) implements LogDescription {
    }

    static byte[] cert(String sha256) throws Exception {
        return TestData.firstCertificate(TestData.certs().resolve(sha256 + ".pem"));
    }

    static DecodedEntry entry(long index, byte[] leaf, List<byte[]> chain) {
        return new DecodedEntry(index, 1508483720123L, EntryType.PRECERT, leaf, chain,
                "https://ct.example/log/ct/v1/get-entries?start=" + index + "&end=" + index);
    }

    @Test
    void fullLiteAndDomainsHaveTheContractShapes() throws Exception {
        EntryRenderer renderer = new EntryRenderer(16);
        byte[] leafDer = cert(LEAF);
        Renderings env = renderer.render(entry(19587936, leafDer, List.of(cert(CA1), cert(CA2))), SOURCE, 1508483726860168L);

        JsonNode full = MAPPER.readTree(env.full());
        JsonNode lite = MAPPER.readTree(env.lite());
        JsonNode domains = MAPPER.readTree(env.domains());
        // The facts subscriptions select on say what the JSON says.
        assertEquals(MAPPER.convertValue(domains.get("data"), List.class), env.allDomains());
        JsonNode issuer = full.get("data").get("leaf_cert").get("issuer");
        assertEquals(issuer.get("O").textValue(), env.issuerOrganization());
        assertEquals(issuer.get("CN").textValue(), env.issuerCommonName());
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(leafDer), env.leafSha256());

        assertEquals("certificate_update", full.get("message_type").asText());
        JsonNode data = full.get("data");
        assertEquals("PrecertLogEntry", data.get("update_type").asText());
        assertEquals(19587936, data.get("cert_index").asLong());
        assertFalse(data.get("verified").booleanValue(), "not verified until the watcher says so");
        List<String> dataKeys = new ArrayList<>();
        data.fieldNames().forEachRemaining(dataKeys::add);
        assertEquals(List.of("update_type", "leaf_cert", "chain", "cert_index", "verified", "cert_link", "issuance_id", "seen", "source"),
                dataKeys);
        assertEquals("https://ct.example/log/ct/v1/get-entries?start=19587936&end=19587936", data.get("cert_link").asText());
        assertEquals(java.util.HexFormat.of().formatHex(env.issuanceId()), data.get("issuance_id").asText());
        assertEquals(data.get("issuance_id"), lite.get("data").get("issuance_id"));
        assertArrayEquals(dev.certstream.render.ct.IssuanceId.of(entry(19587936, leafDer, List.of())), env.issuanceId());
        assertEquals(new BigDecimal("1508483726.860168"), data.get("seen").decimalValue());
        assertTrue(new String(env.full(), StandardCharsets.UTF_8).contains("\"seen\":1508483726.860168,"));
        JsonNode source = data.get("source");
        assertEquals(SOURCE.url(), source.get("url").asText());
        assertEquals("Example \"quoted\" log", source.get("name").asText());
        assertEquals("Example Operator", source.get("operator").asText());
        assertEquals("rfc6962", source.get("type").asText());
        assertEquals(new BigDecimal("1508483720.123"), source.get("timestamp").decimalValue());

        JsonNode leaf = data.get("leaf_cert");
        assertArrayEquals(leafDer, Base64.getDecoder().decode(leaf.get("as_der").asText()));
        assertTrue(leaf.get("all_domains").isArray() && leaf.get("all_domains").size() > 0);
        assertTrue(leaf.get("extensions").get("ctlPoisonByte").asBoolean());
        List<String> keys = new ArrayList<>();
        leaf.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("subject", "issuer", "extensions", "not_before", "not_after", "serial_number", "fingerprint",
                "sha1", "sha256", "signature_algorithm", "is_ca", "all_domains", "as_der"), keys);

        JsonNode chain = data.get("chain");
        assertEquals(2, chain.size());
        assertEquals(colonHex(CA1), chain.get(0).get("sha256").asText(), "chain order kept");
        assertEquals(colonHex(CA2), chain.get(1).get("sha256").asText());
        assertTrue(chain.get(0).has("as_der"));
        assertFalse(chain.get(0).has("all_domains"), "all_domains is for the leaf only");

        assertFalse(lite.get("data").has("chain"));
        assertFalse(lite.get("data").get("leaf_cert").has("as_der"));
        ObjectNode fullWithoutExtras = (ObjectNode) full.deepCopy();
        ((ObjectNode) fullWithoutExtras.get("data")).remove("chain");
        ((ObjectNode) fullWithoutExtras.get("data").get("leaf_cert")).remove("as_der");
        assertEquals(fullWithoutExtras, lite, "lite is full without as_der and chain");

        assertEquals("dns_entries", domains.get("message_type").asText());
        assertEquals(leaf.get("all_domains"), domains.get("data"));

        // The leaf in the stream is exactly what the parse command prints for the same certificate.
        assertEquals(MAPPER.readTree(new CertificateRenderer().render(leafDer, true).full()), leaf);
    }

    @Test
    void verifiedIsSetInPlaceInFullAndLiteOnly() throws Exception {
        EntryRenderer renderer = new EntryRenderer(16);
        Renderings env = renderer.render(entry(7, cert(LEAF), List.of(cert(CA1))), SOURCE, 1L);
        byte[] before = env.bytes().clone();
        byte[] array = env.bytes();
        env.markVerified();
        assertSame(array, env.bytes(), "no new array");
        assertEquals(before.length, env.bytes().length);
        JsonNode full = MAPPER.readTree(env.full());
        JsonNode lite = MAPPER.readTree(env.lite());
        assertTrue(full.get("data").get("verified").booleanValue());
        assertTrue(lite.get("data").get("verified").booleanValue());
        assertTrue(new String(env.lite(), StandardCharsets.UTF_8).contains(",\"verified\": true,\"cert_link\":"));
        assertArrayEquals(Arrays.copyOfRange(before, env.domainsFrom(), before.length), env.domains(), "dns_entries untouched");
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            changed += before[i] == env.bytes()[i] ? 0 : 1;
        }
        assertEquals(2 * 4, changed, "'false' became ' true' (same last byte) in full and lite, nothing else changed");
        ((ObjectNode) full.get("data")).put("verified", false);
        assertEquals(MAPPER.readTree(Arrays.copyOfRange(before, 0, env.liteFrom())), full,
                "the same message but for the flag");
    }

    @Test
    void chainCertificatesAreRenderedOnceAndTheCacheStaysBounded() throws Exception {
        EntryRenderer renderer = new EntryRenderer(2);
        byte[] ca1 = cert(CA1);
        byte[] first = renderer.chainCertificate(ca1);
        byte[] second = renderer.chainCertificate(ca1.clone());
        assertSame(first, second, "the second lookup reuses the first rendering");
        assertEquals(1, renderer.chainCache().hits());

        renderer.chainCertificate(cert(CA2));
        renderer.chainCertificate(cert(LEAF));
        assertEquals(2, renderer.chainCache().size(), "bound respected");
        assertEquals(3, renderer.chainCache().misses());
    }

    @Test
    void concurrentRenderingGivesTheSameBytesAsOneThread() throws Exception {
        EntryRenderer shared = new EntryRenderer(4);
        List<byte[]> chain = List.of(cert(CA1), cert(CA2));
        byte[] leaf = cert(LEAF);
        byte[] expected = new EntryRenderer(4).render(entry(7, leaf, chain), SOURCE, 1L).full();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> shared.render(entry(7, leaf, chain), SOURCE, 1L).full()));
            }
            for (Future<byte[]> f : results) {
                assertArrayEquals(expected, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(shared.chainCache().size() <= 4);
    }

    @Test
    void aChainCertificateThatDoesNotParseKeepsTheEntry() throws Exception {
        EntryRenderer renderer = new EntryRenderer(8);
        byte[] garbage = "this is not a certificate".getBytes(StandardCharsets.US_ASCII);
        Renderings env = renderer.render(entry(1, cert(LEAF), List.of(garbage, cert(CA1))), SOURCE, 0L);
        JsonNode chain = MAPPER.readTree(env.full()).get("data").get("chain");
        assertEquals(2, chain.size());
        JsonNode broken = chain.get(0);
        assertArrayEquals(garbage, Base64.getDecoder().decode(broken.get("as_der").asText()));
        assertEquals(TextOut.hexColon(CertificateRenderer.sha256(garbage), true), broken.get("sha256").asText());
        assertEquals(59, broken.get("fingerprint").asText().length());
        assertTrue(broken.get("subject").has("aggregated"));
        assertEquals(colonHex(CA1), chain.get(1).get("sha256").asText());
        assertEquals(1, renderer.brokenChainCertificates());
    }

    @Test
    void aLeafThatDoesNotParseIsACheckedErrorWithItsEntry() {
        EntryRenderer renderer = new EntryRenderer(8);
        CertificateParseException e = assertThrows(CertificateParseException.class,
                () -> renderer.render(entry(42, new byte[] {0x30, 0x03, 0x02, 0x01}, List.of()), SOURCE, 0L));
        assertTrue(e.getMessage().contains("42") && e.getMessage().contains(SOURCE.url()), e.getMessage());
        assertThrows(CertificateParseException.class, () -> renderer.render(entry(43, new byte[0], List.of()), SOURCE, 0L));
    }

    @Test
    void secondsAreWrittenWithoutFloatingPointRounding() {
        assertEquals("1508483726.860168", EntryRenderer.decimal(1508483726860168L, 1_000_000, 6));
        assertEquals("1508483726.000001", EntryRenderer.decimal(1508483726000001L, 1_000_000, 6));
        assertEquals("1508483720.003", EntryRenderer.decimal(1508483720003L, 1000, 3));
    }

    static String colonHex(String lowerHex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lowerHex.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(lowerHex, i, i + 2);
        }
        return sb.toString().toUpperCase();
    }

    static Path certPath(String sha256) {
        return TestData.certs().resolve(sha256 + ".pem");
    }
}
