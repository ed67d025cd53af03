package dev.certstream.simulator.entry;

import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.CtSignatureVerifier;
import dev.certstream.simulator.CtTestDecoder;
import dev.certstream.simulator.SimTestSupport;
import dev.certstream.simulator.log.SimulatedLog;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static dev.certstream.simulator.SimTestSupport.await;
import static dev.certstream.simulator.SimTestSupport.get;
import static dev.certstream.simulator.SimTestSupport.getJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replay: a directory of certificates as an RFC 6962 log, and real Sunlight tiles served verbatim. */
@ExtendWith(VertxExtension.class)
class ReplayTest {

    private static final Path ROOT = SimTestSupport.repoRoot();

    @Test
    void certificateDirectoryBecomesAnRfc6962Log(Vertx vertx) throws Exception {
        CtLogSimulator simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().rfc6962Logs(0).tiledLogs(0)
                .replayCerts(ROOT.resolve("testdata/certs")).build());
        WebClient client = SimTestSupport.client(vertx);
        SimulatedLog log = simulator.log("replay-certs");
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> pems = Files.list(ROOT.resolve("testdata/certs"))) {
            for (Path pem : pems.filter(p -> p.toString().endsWith(".pem")).sorted().toList()) {
                String text = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "");
                files.add(Base64.getMimeDecoder().decode(text));
            }
        }
        assertEquals(files.size(), getJson(client, log.url() + "ct/v1/get-sth").getLong("tree_size"));
        assertEquals(files.size(), log.append(50), "a replayed log cannot outgrow its files");

        int precerts = 0;
        for (int start = 0; start < files.size(); ) {
            JsonArray page = getJson(client, log.url() + "ct/v1/get-entries?start=" + start + "&end=" + files.size())
                    .getJsonArray("entries");
            for (int i = 0; i < page.size(); i++) {
                JsonObject json = page.getJsonObject(i);
                CtTestDecoder.Decoded decoded = CtTestDecoder.rfc6962(Base64.getDecoder().decode(json.getString("leaf_input")),
                        Base64.getDecoder().decode(json.getString("extra_data")));
                byte[] file = files.get(start + i);
                assertArrayEquals(file, decoded.leafCert(), "entry " + (start + i) + " is file " + (start + i));
                assertEquals(!parses(file), log.isCorrupt(start + i));
                if (decoded.entryType() == 1) {
                    precerts++;
                    assertTrue(Certificate.getInstance(file).getTBSCertificate().getExtensions()
                            .getExtension(CertificateChecks.POISON) != null);
                }
            }
            start += page.size();
        }
        assertEquals(78, precerts, "INDEX.tsv lists 78 precertificates");
        assertEquals(200, get(client, log.url() + "ct/v1/get-roots").statusCode());
        await(simulator.close());
    }

    @Test
    void sunlightTilesAreServedVerbatimAtSizes778And1024(Vertx vertx) throws Exception {
        Path dir = ROOT.resolve("testdata/static-ct/navigli2025h2");
        CtLogSimulator simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().rfc6962Logs(0).tiledLogs(0)
                .initialSize(1000).replayTiles(dir).build());
        WebClient client = SimTestSupport.client(vertx);
        SimulatedLog log = simulator.log("replay-tiles");
        SimTestSupport.waitUntil("checkpoint", () -> log.publishedSize() == 778);
        CtSignatureVerifier.Checkpoint checkpoint = CtSignatureVerifier.verifyCheckpoint(
                get(client, log.url() + "checkpoint").bodyAsString(), log.origin(), log.publicKeyDer());
        assertEquals(778, checkpoint.size());
        for (String tile : List.of("000", "001", "002", "003.p/10")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("tile/data/" + tile)),
                    get(client, log.url() + "tile/data/" + tile).bodyAsBuffer().getBytes(), tile);
        }
        assertEquals(404, get(client, log.url() + "tile/data/003").statusCode(), "not published at 778");

        assertEquals(778, log.append(200), "978 is no size the files can show");
        assertEquals(1024, log.append(46), "778 + 246 = 1024: four full tiles");
        SimTestSupport.waitUntil("checkpoint 1024", () -> log.publishedSize() == 1024);
        assertArrayEquals(Files.readAllBytes(dir.resolve("tile/data/003")),
                get(client, log.url() + "tile/data/003").bodyAsBuffer().getBytes());
        assertEquals(404, get(client, log.url() + "tile/data/003.p/10").statusCode(), "partial gone once full");
        assertEquals(404, get(client, log.url() + "tile/data/004").statusCode());

        List<String> expected = Files.readAllLines(dir.resolve("EXPECTED-entries.jsonl"));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 1024; i += 37) {
            JsonObject want = new JsonObject(expected.get(i));
            SimulatedEntry entry = log.entry(i);
            assertEquals(want.getLong("timestamp_ms"), entry.timestampMs());
            assertEquals(want.getString("certificate_sha256"), HexFormat.of().formatHex(sha256.digest(entry.leafDer())));
            assertEquals(want.getString("issuer_key_hash"), HexFormat.of().formatHex(entry.issuerKeyHash()));
            assertEquals(want.getJsonArray("chain_fingerprints").getList(),
                    entry.chainSha256().stream().map(HexFormat.of()::formatHex).toList());
            assertTrue(entry.chainDer().isEmpty(), "the tree has no issuer files");
            String issuer = log.url() + "issuer/" + want.getJsonArray("chain_fingerprints").getString(0);
            assertEquals(404, get(client, issuer).statusCode(), "issuers it does not have are 404");
        }
        await(simulator.close());
    }

    private static boolean parses(byte[] der) {
        try {
            Certificate.getInstance(der);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
