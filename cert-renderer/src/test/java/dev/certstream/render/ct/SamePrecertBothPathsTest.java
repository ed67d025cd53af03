package dev.certstream.render.ct;

import dev.certstream.render.EntryRenderer;
import dev.certstream.testing.TlsTestWriter;
import dev.certstream.testing.TestData;
import dev.certstream.render.LogDescription;
import dev.certstream.render.Renderings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
        LogDescription tiled = new Log("https://mon.example.test/", "tiled", "op", "static-ct");
        LogDescription rfc = new Log("https://ct.example.test/", "rfc", "op", "rfc6962");
        ObjectMapper json = new ObjectMapper();
        int compared = 0;
        for (TileEntry entry : decoded.entries().subList(0, 32)) {
            Renderings viaTile = renderer.render(entry.toDecodedEntry(chain, "tile-link"), tiled, 1);
            DecodedEntry viaRfc = LeafInputDecoder.decode(entry.index(), leafInput(entry), extraData(entry, chain), "rfc-link");
            Renderings viaGetEntries = renderer.render(viaRfc, rfc, 1);

            JsonNode a = json.readTree(viaTile.full()).get("data");
            JsonNode b = json.readTree(viaGetEntries.full()).get("data");
            assertEquals("PrecertLogEntry", a.get("update_type").textValue());
            assertEquals(a.get("update_type"), b.get("update_type"));
            assertEquals(a.get("leaf_cert"), b.get("leaf_cert"), "leaf_cert of entry " + entry.index());
            assertEquals(a.get("chain"), b.get("chain"));
            assertEquals(a.get("cert_index"), b.get("cert_index"));
            assertTrue(a.get("leaf_cert").get("extensions").get("ctlPoisonByte").booleanValue());
            assertNotNull(a.get("leaf_cert").get("as_der").textValue());
            compared++;
        }
        assertEquals(32, compared);
    }

    /** A log as the renderer sees it. */
    private record Log(String url, String name, String operator, String typeName) implements LogDescription {
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
