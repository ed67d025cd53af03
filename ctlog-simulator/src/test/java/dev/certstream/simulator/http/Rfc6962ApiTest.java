package dev.certstream.simulator.http;

import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.CtSignatureVerifier;
import dev.certstream.simulator.CtTestDecoder;
import dev.certstream.simulator.SimTestSupport;
import dev.certstream.simulator.entry.SimulatedEntry;
import dev.certstream.simulator.log.SimulatedLog;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Base64;

import static dev.certstream.simulator.SimTestSupport.await;
import static dev.certstream.simulator.SimTestSupport.get;
import static dev.certstream.simulator.SimTestSupport.getJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RFC 6962 API: get-sth shape and signature, get-entries ranges and page cap, get-roots. */
@ExtendWith(VertxExtension.class)
class Rfc6962ApiTest {

    private static final int PAGE_CAP = 16;

    private CtLogSimulator simulator;
    private WebClient client;
    private SimulatedLog log;

    @BeforeEach
    void start(Vertx vertx) {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().rfc6962Logs(2).tiledLogs(0).initialSize(100)
                .pageCap(PAGE_CAP).build());
        client = SimTestSupport.client(vertx);
        log = simulator.log("rfc1");
    }

    @AfterEach
    void stop() {
        await(simulator.close());
    }

    @Test
    void getSthIsSignedByTheKeyTheLogListPublishes() throws Exception {
        JsonObject sth = getJson(client, log.url() + "ct/v1/get-sth");
        assertEquals(100, sth.getLong("tree_size"));
        byte[] root = Base64.getDecoder().decode(sth.getString("sha256_root_hash"));
        assertEquals(32, root.length);
        byte[] key = listedKey(log.url());
        assertArrayEquals(log.publicKeyDer(), key);
        assertTrue(CtSignatureVerifier.verifyTreeHead(key, sth.getLong("timestamp"), 100, root,
                Base64.getDecoder().decode(sth.getString("tree_head_signature"))));
        // The other log's key must not verify it: the signature is really bound to this log.
        assertFalse(CtSignatureVerifier.verifyTreeHead(simulator.log("rfc0").publicKeyDer(), sth.getLong("timestamp"), 100,
                root, Base64.getDecoder().decode(sth.getString("tree_head_signature"))));
    }

    @Test
    void sthFollowsAppends() {
        log.append(5);
        assertEquals(105, getJson(client, log.url() + "ct/v1/get-sth").getLong("tree_size"));
    }

    @Test
    void getEntriesIsInclusiveAndCappedAtThePageCap() {
        assertEquals(3, entries("start=10&end=12").size());
        assertEquals(1, entries("start=7&end=7").size());
        assertEquals(PAGE_CAP, entries("start=0&end=99").size());
    }

    @Test
    void entriesBeyondTheTreeAreRefusedOrCapped() {
        assertEquals(5, entries("start=95&end=150").size());
        assertEquals(400, get(client, log.url() + "ct/v1/get-entries?start=100&end=101").statusCode());
    }

    @Test
    void badParametersAre400() {
        for (String query : new String[] {"", "start=1", "end=3", "start=a&end=3", "start=5&end=4", "start=-1&end=3"}) {
            assertEquals(400, get(client, log.url() + "ct/v1/get-entries?" + query).statusCode(), query);
        }
        assertEquals(400, get(client, log.url() + "ct/v1/get-proof-by-hash").statusCode());
        assertEquals(400, get(client, log.url() + "ct/v1/get-proof-by-hash?hash=AAAA&tree_size=1").statusCode());
        assertEquals(400, get(client, log.url() + "ct/v1/get-sth-consistency?first=2&second=1").statusCode());
    }

    @Test
    void returnedEntriesAreTheOnesTheLogHolds() {
        JsonArray page = entries("start=20&end=23");
        for (int i = 0; i < page.size(); i++) {
            JsonObject json = page.getJsonObject(i);
            CtTestDecoder.Decoded decoded = CtTestDecoder.rfc6962(Base64.getDecoder().decode(json.getString("leaf_input")),
                    Base64.getDecoder().decode(json.getString("extra_data")));
            SimulatedEntry expected = log.entry(20 + i);
            assertArrayEquals(expected.leafDer(), decoded.leafCert());
            assertEquals(expected.timestampMs(), decoded.timestampMs());
            assertEquals(expected.chainDer().size(), decoded.chain().size());
        }
    }

    @Test
    void getRootsListsParseableRoots() {
        JsonArray roots = getJson(client, log.url() + "ct/v1/get-roots").getJsonArray("certificates");
        assertEquals(2, roots.size());
        for (Object root : roots) {
            Certificate cert = Certificate.getInstance(Base64.getDecoder().decode((String) root));
            assertEquals(cert.getSubject(), cert.getIssuer(), "a root is self-issued");
        }
    }

    private JsonArray entries(String query) {
        return getJson(client, log.url() + "ct/v1/get-entries?" + query).getJsonArray("entries");
    }

    private byte[] listedKey(String url) {
        JsonObject list = getJson(client, simulator.logListUrl());
        for (Object operator : list.getJsonArray("operators")) {
            for (Object entry : ((JsonObject) operator).getJsonArray("logs")) {
                if (url.equals(((JsonObject) entry).getString("url"))) {
                    return Base64.getDecoder().decode(((JsonObject) entry).getString("key"));
                }
            }
        }
        throw new AssertionError("log " + url + " not in the log list");
    }
}
