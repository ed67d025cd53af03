package dev.certstream.simulator.entry;

import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.CtTestDecoder;
import dev.certstream.simulator.SimTestSupport;
import dev.certstream.simulator.log.SimulatedLog;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static dev.certstream.simulator.SimTestSupport.await;
import static dev.certstream.simulator.SimTestSupport.get;
import static dev.certstream.simulator.SimTestSupport.getJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the entries are: real CT encodings of Bouncy Castle certificates with a realistic mix. */
@ExtendWith(VertxExtension.class)
class EntryContentTest {

    private static final int ENTRIES = 600;

    private CtLogSimulator simulator;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().initialSize(ENTRIES).poolSize(300).build());
        client = SimTestSupport.client(vertx);
    }

    @AfterEach
    void stop() {
        await(simulator.close());
    }

    @Test
    void rfc6962EntriesDecodeToRealisticCertificates() throws Exception {
        SimulatedLog log = simulator.log("rfc0");
        CertificateChecks checks = new CertificateChecks();
        for (int start = 0; start < ENTRIES; ) {
            JsonArray page = getJson(client, log.url() + "ct/v1/get-entries?start=" + start + "&end=" + (ENTRIES - 1))
                    .getJsonArray("entries");
            for (int i = 0; i < page.size(); i++) {
                JsonObject json = page.getJsonObject(i);
                CtTestDecoder.Decoded decoded = CtTestDecoder.rfc6962(Base64.getDecoder().decode(json.getString("leaf_input")),
                        Base64.getDecoder().decode(json.getString("extra_data")));
                checks.check(decoded);
                SimulatedEntry expected = log.entry(start + i);
                assertArrayEquals(expected.leafDer(), decoded.leafCert());
                assertEquals(expected.precert() ? 1 : 0, decoded.entryType());
                assertEquals(expected.chainDer().size(), decoded.chain().size());
            }
            start += page.size();
        }
        assertEquals(ENTRIES, checks.checked);
        assertEquals(Set.of(0, 1), checks.entryTypes, "both X509 and precert entries");
        assertEquals(Set.of(1, 2, 3), checks.chainLengths, "chains of 1, 2 and 3 certificates");
        assertEquals(3, checks.keyTypes.size(), "RSA, P-256 and P-384 leaf keys: " + checks.keyTypes);
        assertTrue(checks.wildcards > 0 && checks.idnNames > 0, "wildcard and IDN names");
        assertTrue(checks.maxSans > 20, "some certificates have many SANs: max " + checks.maxSans);
        assertTrue(checks.withOrganization > 0 && checks.withOrganization < ENTRIES, "some subjects have O");
        for (var extension : List.of(Extension.keyUsage, Extension.extendedKeyUsage, Extension.basicConstraints,
                Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier, Extension.authorityInfoAccess,
                Extension.certificatePolicies, Extension.cRLDistributionPoints)) {
            assertTrue(checks.extensionsSeen.contains(extension), "extension " + extension + " appears");
        }
    }

    @Test
    void tileEntriesCarryLeafIndexAndChainFingerprintsOfServedIssuers() throws Exception {
        SimulatedLog log = simulator.log("tiled0");
        SimTestSupport.waitUntil("checkpoint of " + ENTRIES, () -> log.publishedSize() == ENTRIES);
        CertificateChecks checks = new CertificateChecks();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int tile = 0; tile < 2; tile++) {
            HttpResponse<Buffer> response = get(client, log.url() + "tile/data/00" + tile);
            assertEquals(200, response.statusCode());
            List<CtTestDecoder.Decoded> entries = CtTestDecoder.tile(response.bodyAsBuffer().getBytes());
            assertEquals(256, entries.size());
            for (int i = 0; i < entries.size(); i++) {
                CtTestDecoder.Decoded decoded = entries.get(i);
                long index = tile * 256L + i;
                assertEquals(index, decoded.leafIndex(), "leaf_index extension = position");
                List<byte[]> chain = new ArrayList<>();
                for (byte[] fingerprint : decoded.fingerprints()) {
                    HttpResponse<Buffer> issuer = get(client, log.url() + "issuer/" + HexFormat.of().formatHex(fingerprint));
                    assertEquals(200, issuer.statusCode());
                    assertArrayEquals(fingerprint, sha256.digest(issuer.bodyAsBuffer().getBytes()));
                    chain.add(issuer.bodyAsBuffer().getBytes());
                }
                checks.checkLeaf(decoded, chain);
                SimulatedEntry expected = log.entry(index);
                assertArrayEquals(expected.leafDer(), decoded.leafCert());
                assertEquals(expected.timestampMs(), decoded.timestampMs());
                if (decoded.entryType() == 1) {
                    assertArrayEquals(expected.precertTbsDer(), decoded.signedEntry());
                }
            }
        }
        assertEquals(512, checks.checked);
        assertEquals(404, get(client, log.url() + "issuer/" + "00".repeat(32)).statusCode());
        assertEquals(404, get(client, log.url() + "issuer/not-hex").statusCode());
    }

    @Test
    void generatedLogsHoldDifferentEntries() {
        SimulatedLog a = simulator.log("rfc0");
        SimulatedLog b = simulator.log("tiled0");
        for (int i = 0; i < 20; i++) {
            assertFalse(java.util.Arrays.equals(a.entry(i).leafDer(), b.entry(i).leafDer()));
        }
    }
}
