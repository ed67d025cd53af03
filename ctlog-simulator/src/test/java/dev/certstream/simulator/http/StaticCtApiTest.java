package dev.certstream.simulator.http;

import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.CtSignatureVerifier;
import dev.certstream.simulator.CtTestDecoder;
import dev.certstream.simulator.GzipMode;
import dev.certstream.simulator.SimTestSupport;
import dev.certstream.simulator.entry.TilePath;
import dev.certstream.simulator.log.SimulatedLog;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static dev.certstream.simulator.SimTestSupport.await;
import static dev.certstream.simulator.SimTestSupport.getJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The static-ct-api: signed checkpoints, tile paths, full and partial tiles, gzip modes. */
@ExtendWith(VertxExtension.class)
class StaticCtApiTest {

    private CtLogSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            await(simulator.close());
        }
    }

    @Test
    void checkpointVerifiesWithTheListedKeyAndTheWitnessLineIsAnotherKey(Vertx vertx) throws Exception {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().tiledLogs(2).initialSize(300).build());
        WebClient client = SimTestSupport.client(vertx);
        SimulatedLog log = simulator.log("tiled1");
        JsonObject listed = tiledEntry(getJson(client, simulator.logListUrl()), log.url());
        assertEquals(log.submissionUrl(), listed.getString("submission_url"));
        assertNotEquals(listed.getString("submission_url"), listed.getString("monitoring_url"));
        String origin = listed.getString("submission_url").replaceFirst("^http://", "").replaceFirst("/$", "");
        SimTestSupport.waitUntil("first checkpoint", () -> log.publishedSize() == 300);

        String note = SimTestSupport.get(client, log.url() + "checkpoint").bodyAsString();
        CtSignatureVerifier.Checkpoint checkpoint = CtSignatureVerifier.verifyCheckpoint(note, origin,
                Base64.getDecoder().decode(listed.getString("key")));
        assertEquals(300, checkpoint.size());
        assertEquals(1, checkpoint.ignoredLines(), "one witness cosignature line, from another key");
        assertTrue(note.contains("\u2014 witness.sim-ct.example "));
        assertThrows(() -> CtSignatureVerifier.verifyCheckpoint(note, origin, simulator.log("tiled0").publicKeyDer()));

        log.append(10);
        SimTestSupport.waitUntil("checkpoint advances", () -> {
            try {
                return CtSignatureVerifier.verifyCheckpoint(SimTestSupport.get(client, log.url() + "checkpoint").bodyAsString(),
                        origin, log.publicKeyDer()).size() == 310;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void tilePathsUseTheSpecEncoding() {
        assertEquals("000", TilePath.encodeIndex(0));
        assertEquals("x001/234", TilePath.encodeIndex(1234));
        assertEquals("x001/x234/067", TilePath.encodeIndex(1234067));
        assertEquals(new TilePath(1234067, 256), TilePath.parse("x001/x234/067"));
        assertEquals(new TilePath(3, 10), TilePath.parse("003.p/10"));
        for (String bad : List.of("3", "0003", "x000/003", "001.p/0", "001.p/256", "001.p/010", "x1/234", "abc")) {
            assertNull(TilePath.parse(bad), bad);
        }
    }

    @Test
    void partialTilesExistOnlyAtPublishedWidthsAndVanishWhenFull(Vertx vertx) {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().tiledLogs(1).initialSize(300).build());
        WebClient client = SimTestSupport.client(vertx);
        SimulatedLog log = simulator.log("tiled0");
        SimTestSupport.waitUntil("checkpoint 300", () -> log.publishedSize() == 300);
        assertEquals(200, status(client, log.url() + "tile/data/000"));
        assertEquals(404, status(client, log.url() + "tile/data/001"), "tile 1 is not full yet");
        assertEquals(404, status(client, log.url() + "tile/data/001.p/43"), "no checkpoint had size 299");
        HttpResponse<Buffer> partial = SimTestSupport.get(client, log.url() + "tile/data/001.p/44");
        assertEquals(200, partial.statusCode());
        List<CtTestDecoder.Decoded> entries = CtTestDecoder.tile(partial.bodyAsBuffer().getBytes());
        assertEquals(44, entries.size());
        assertEquals(299, entries.get(43).leafIndex());

        log.append(212);
        SimTestSupport.waitUntil("checkpoint 512", () -> log.publishedSize() == 512);
        HttpResponse<Buffer> full = SimTestSupport.get(client, log.url() + "tile/data/001");
        assertEquals(200, full.statusCode());
        byte[] fullBytes = full.bodyAsBuffer().getBytes();
        assertArrayEquals(partial.bodyAsBuffer().getBytes(), java.util.Arrays.copyOf(fullBytes, partial.bodyAsBuffer().length()),
                "a partial tile is a prefix of the full tile");
        assertEquals(404, status(client, log.url() + "tile/data/001.p/44"), "old partial deleted");
        assertEquals(200, status(client, log.url() + "tile/0/001"), "hash tiles are served as far as the checkpoint reaches");
        assertEquals(404, status(client, log.url() + "tile/0/002.p/1"), "but not beyond it");
    }

    @Test
    void partialTilesCanBeKept(Vertx vertx) {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().initialSize(300).partialTilesVanish(false).build());
        WebClient client = SimTestSupport.client(vertx);
        SimulatedLog log = simulator.log("tiled0");
        SimTestSupport.waitUntil("checkpoint 300", () -> log.publishedSize() == 300);
        log.append(212);
        SimTestSupport.waitUntil("checkpoint 512", () -> log.publishedSize() == 512);
        assertEquals(200, status(client, log.url() + "tile/data/001.p/44"));
    }

    @Test
    void gzipModes(Vertx vertx) throws Exception {
        for (GzipMode mode : GzipMode.values()) {
            CtLogSimulator sim = SimTestSupport.start(vertx, SimTestSupport.quiet().rfc6962Logs(0).initialSize(256).gzip(mode).build());
            WebClient client = SimTestSupport.client(vertx);
            String tile = sim.log("tiled0").url() + "tile/data/000";
            SimTestSupport.waitUntil("checkpoint", () -> sim.log("tiled0").publishedSize() == 256);
            HttpResponse<Buffer> asked = await(client.getAbs(tile).putHeader("Accept-Encoding", "gzip, identity").send());
            HttpResponse<Buffer> unasked = await(client.getAbs(tile).putHeader("Accept-Encoding", "identity").send());
            byte[] plain = sim.log("tiled0").source().dataTile(0, 256);
            assertEquals(mode != GzipMode.NEVER, "gzip".equals(asked.getHeader("Content-Encoding")), mode + " asked");
            assertEquals(mode == GzipMode.ALWAYS, "gzip".equals(unasked.getHeader("Content-Encoding")), mode + " unasked");
            for (HttpResponse<Buffer> response : List.of(asked, unasked)) {
                byte[] body = response.bodyAsBuffer().getBytes();
                byte[] decoded = "gzip".equals(response.getHeader("Content-Encoding"))
                        ? new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes() : body;
                assertArrayEquals(plain, decoded, mode + ": same tile either way");
            }
            await(sim.close());
        }
    }

    private static int status(WebClient client, String url) {
        return SimTestSupport.get(client, url).statusCode();
    }

    private static JsonObject tiledEntry(JsonObject list, String monitoringUrl) {
        for (Object operator : list.getJsonArray("operators")) {
            for (Object log : ((JsonObject) operator).getJsonArray("tiled_logs")) {
                if (monitoringUrl.equals(((JsonObject) log).getString("monitoring_url"))) {
                    return (JsonObject) log;
                }
            }
        }
        throw new AssertionError("not listed: " + monitoringUrl);
    }

    private static void assertThrows(org.junit.jupiter.api.function.Executable executable) {
        org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, executable);
    }
}
