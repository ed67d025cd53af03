package dev.certstream.watcher;

import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same precertificate read through a static-ct-api tile and through an RFC 6962 get-entries entry
 * (built here from the tile's fields, as an RFC 6962 log would store it) renders the same
 * {@code leaf_cert} and chain: the precertificate, its poison, its fingerprints.
 */
class SamePrecertBothPathsTest {

    @Test
    void tileAndGetEntriesGiveTheSameLeafCert() throws Exception {
        byte[] tile = TestData.bytes("static-ct/navigli2025h2/tile/data/001");
        TileDecodeResult decoded = TileDecoder.decode(tile, 256, 256);
        assertTrue(decoded.complete());
        // Stand-in chain certificates (navigli's issuers are not in testdata): any real DER will do,
        // both paths are given the same ones.
        List<byte[]> chain = new ArrayList<>();
        for (var pem : TestData.oracleCertificates().subList(0, 2)) {
            chain.add(TestData.firstCertificate(pem));
        }
        EntryRenderer renderer = new EntryRenderer(64);
        LogSource tiled = new LogSource("https://mon.example.test/", "tiled", "op", LogType.STATIC_CT,
                "https://sub.example.test/", null, "usable");
        LogSource rfc = new LogSource("https://ct.example.test/", "rfc", "op", LogType.RFC6962, null, null, "usable");
        int compared = 0;
        for (TileEntry entry : decoded.entries().subList(0, 32)) {
            CertificateEnvelope viaTile = renderer.render(entry.toDecodedEntry(chain, "tile-link"), tiled, 1);
            DecodedEntry viaRfc = LeafInputDecoder.decode(entry.index(), leafInput(entry), extraData(entry, chain), "rfc-link");
            CertificateEnvelope viaGetEntries = renderer.render(viaRfc, rfc, 1);

            JsonObject a = new JsonObject(viaTile.full().toString()).getJsonObject("data");
            JsonObject b = new JsonObject(viaGetEntries.full().toString()).getJsonObject("data");
            assertEquals("PrecertLogEntry", a.getString("update_type"));
            assertEquals(a.getString("update_type"), b.getString("update_type"));
            assertEquals(a.getJsonObject("leaf_cert"), b.getJsonObject("leaf_cert"), "leaf_cert of entry " + entry.index());
            assertEquals(a.getJsonArray("chain"), b.getJsonArray("chain"));
            assertEquals(a.getLong("cert_index"), b.getLong("cert_index"));
            assertEquals(Boolean.TRUE, a.getJsonObject("leaf_cert").getJsonObject("extensions").getBoolean("ctlPoisonByte"));
            assertNotNull(a.getJsonObject("leaf_cert").getString("as_der"));
            compared++;
        }
        assertEquals(32, compared);
    }

    /** The RFC 6962 MerkleTreeLeaf of a precert entry: version, leaf type, timestamp, type, key hash, TBS. */
    private static byte[] leafInput(TileEntry entry) {
        return new TlsTestWriter().uint(1, 0).uint(1, 0).uint(8, entry.timestampMs()).uint(2, 1)
                .bytes(entry.issuerKeyHash()).opaque(3, entry.tbs()).opaque(2, new byte[0]).toBytes();
    }

    /** The PrecertChainEntry: the pre_certificate, then the chain. */
    private static byte[] extraData(TileEntry entry, List<byte[]> chain) {
        TlsTestWriter certificates = new TlsTestWriter();
        chain.forEach(der -> certificates.opaque(3, der));
        return new TlsTestWriter().opaque(3, entry.leafDer()).opaque(3, certificates.toBytes()).toBytes();
    }
}
