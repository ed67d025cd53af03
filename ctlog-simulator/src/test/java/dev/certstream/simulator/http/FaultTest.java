package dev.certstream.simulator.http;

import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.CtSignatureVerifier;
import dev.certstream.simulator.CtTestDecoder;
import dev.certstream.simulator.FaultKind;
import dev.certstream.simulator.SimTestSupport;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.log.SimulatedLog;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.certstream.simulator.SimTestSupport.await;
import static dev.certstream.simulator.SimTestSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every fault kind is observable, deterministic for a seed, and spares the log list unless asked. */
@ExtendWith(VertxExtension.class)
class FaultTest {

    private CtLogSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            await(simulator.close());
        }
    }

    private WebClient startWith(Vertx vertx, SimulatorConfig.Builder config) {
        simulator = SimTestSupport.start(vertx, config.build());
        SimTestSupport.waitUntil("first checkpoint", () -> simulator.log("tiled0").publishedSize() > 0);
        return SimTestSupport.client(vertx);
    }

    private static SimulatorConfig.Builder only(FaultKind kind) {
        return SimTestSupport.quiet().initialSize(300).faultRate(1).faults(Set.of(kind));
    }

    @Test
    void rateLimitAnswers429WithRetryAfter(Vertx vertx) {
        WebClient client = startWith(vertx, only(FaultKind.RATE_LIMIT).retryAfterSeconds(7));
        HttpResponse<Buffer> response = get(client, simulator.log("rfc0").url() + "ct/v1/get-entries?start=0&end=3");
        assertEquals(429, response.statusCode());
        assertEquals("7", response.getHeader("Retry-After"));
        assertEquals(429, get(client, simulator.log("tiled0").url() + "tile/data/000").statusCode());
    }

    @Test
    void serverErrorAnswers500ButTheLogListIsSpared(Vertx vertx) {
        WebClient client = startWith(vertx, only(FaultKind.SERVER_ERROR));
        assertEquals(500, get(client, simulator.log("rfc0").url() + "ct/v1/get-sth").statusCode());
        assertEquals(500, get(client, simulator.log("tiled0").url() + "checkpoint").statusCode());
        assertEquals(200, get(client, simulator.logListUrl()).statusCode());
        simulator.setFaultRate(0);
        assertEquals(200, get(client, simulator.log("rfc0").url() + "ct/v1/get-sth").statusCode());
    }

    @Test
    void logListFaultsWhenAsked(Vertx vertx) {
        WebClient client = startWith(vertx, only(FaultKind.SERVER_ERROR).faultLogList(true));
        assertEquals(500, get(client, simulator.logListUrl()).statusCode());
    }

    @Test
    void slowAnswersComeAfterTheDelay(Vertx vertx) {
        WebClient client = startWith(vertx, only(FaultKind.SLOW).slowDelay(Duration.ofMillis(1500)));
        long started = System.nanoTime();
        HttpResponse<Buffer> response = get(client, simulator.log("rfc0").url() + "ct/v1/get-sth");
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, response.statusCode());
        assertTrue(elapsedMs >= 1500, "answered after " + elapsedMs + " ms, before the 1500 ms delay");
    }

    @Test
    void timeoutsNeverAnswerAndCloseTheConnectionLater(Vertx vertx) {
        WebClient client = startWith(vertx, only(FaultKind.TIMEOUT).timeoutCloseAfter(Duration.ofMillis(1500)));
        assertThrows(AssertionError.class, () -> await(client.getAbs(simulator.log("rfc0").url() + "ct/v1/get-sth")
                .timeout(500).send()), "a client timeout fires");

        NetSocket socket = await(vertx.createNetClient().connect(simulator.port(), "127.0.0.1"));
        Buffer received = Buffer.buffer();
        Promise<Void> closed = Promise.promise();
        socket.handler(received::appendBuffer);
        socket.closeHandler(v -> closed.complete());
        await(socket.write("GET " + simulator.log("tiled0").url().replaceFirst("^http://[^/]+", "")
                + "checkpoint HTTP/1.1\r\nHost: sim\r\n\r\n"));
        await(closed.future());
        assertEquals(0, received.length(), "the server closed without answering");
    }

    @Test
    void truncatedBodiesAreCutInHalf(Vertx vertx) {
        WebClient client = startWith(vertx, only(FaultKind.TRUNCATE));
        String entries = simulator.log("rfc0").url() + "ct/v1/get-entries?start=0&end=9";
        HttpResponse<Buffer> cut = get(client, entries);
        assertEquals(200, cut.statusCode());
        assertThrows(DecodeException.class, cut::bodyAsJsonObject);
        String tile = simulator.log("tiled0").url() + "tile/data/000";
        int cutTile = get(client, tile).bodyAsBuffer().length();
        simulator.setFaultRate(0);
        assertEquals(10, get(client, entries).bodyAsJsonObject().getJsonArray("entries").size());
        assertEquals(get(client, tile).bodyAsBuffer().length() / 2, cutTile);
    }

    @Test
    void shrinkServesSmallerButValidTreeHeads(Vertx vertx) throws Exception {
        WebClient client = startWith(vertx, only(FaultKind.SHRINK));
        JsonObject sth = get(client, simulator.log("rfc0").url() + "ct/v1/get-sth").bodyAsJsonObject();
        long size = sth.getLong("tree_size");
        assertTrue(size < 300 && size >= 200, "shrunk to " + size);
        assertTrue(CtSignatureVerifier.verifyTreeHead(simulator.log("rfc0").publicKeyDer(), sth.getLong("timestamp"), size,
                Base64.getDecoder().decode(sth.getString("sha256_root_hash")),
                Base64.getDecoder().decode(sth.getString("tree_head_signature"))));
        SimulatedLog tiled = simulator.log("tiled0");
        CtSignatureVerifier.Checkpoint checkpoint = CtSignatureVerifier.verifyCheckpoint(
                get(client, tiled.url() + "checkpoint").bodyAsString(), tiled.origin(), tiled.publicKeyDer());
        assertTrue(checkpoint.size() < 300, "checkpoint shrunk to " + checkpoint.size());
        // Tiles are not tree heads: they are served normally.
        assertEquals(200, get(client, tiled.url() + "tile/data/000").statusCode());
    }

    @Test
    void corruptEntriesAreGarbageInIntactFramingAndStayThatWay(Vertx vertx) {
        WebClient client = startWith(vertx, SimTestSupport.quiet().initialSize(300).faults(Set.of(FaultKind.CORRUPT))
                .corruptRate(0.1));
        SimulatedLog log = simulator.log("rfc0");
        List<Long> corrupt = new ArrayList<>();
        for (long i = 0; i < 256; i++) {
            if (log.isCorrupt(i)) {
                corrupt.add(i);
            }
        }
        assertTrue(corrupt.size() > 5 && corrupt.size() < 60, "about 10% corrupt: " + corrupt.size());
        JsonObject page = get(client, log.url() + "ct/v1/get-entries?start=0&end=255").bodyAsJsonObject();
        for (int i = 0; i < 256; i++) {
            JsonObject json = page.getJsonArray("entries").getJsonObject(i);
            CtTestDecoder.Decoded decoded = CtTestDecoder.rfc6962(Base64.getDecoder().decode(json.getString("leaf_input")),
                    Base64.getDecoder().decode(json.getString("extra_data")));
            assertEquals(corrupt.contains((long) i), !parses(decoded.leafCert()), "entry " + i);
            assertEquals(corrupt.contains((long) i), log.entry(i).corrupt());
        }
        List<CtTestDecoder.Decoded> tile = CtTestDecoder.tile(get(client, simulator.log("tiled0").url() + "tile/data/000")
                .bodyAsBuffer().getBytes());
        assertEquals(256, tile.size(), "tile framing intact");
        for (int i = 0; i < 256; i++) {
            assertEquals(simulator.log("tiled0").isCorrupt(i), !parses(tile.get(i).leafCert()));
        }
        // Persistent: the same request gives the same bytes.
        assertEquals(page, get(client, log.url() + "ct/v1/get-entries?start=0&end=255").bodyAsJsonObject());
    }

    @Test
    void faultsFollowTheSeed(Vertx vertx) {
        List<Integer> first = statuses(vertx, 7);
        List<Integer> second = statuses(vertx, 7);
        assertEquals(first, second);
        assertTrue(first.contains(200) && first.contains(429) && first.contains(500), first.toString());
        assertFalse(first.equals(statuses(vertx, 8)), "another seed, another sequence");
    }

    private List<Integer> statuses(Vertx vertx, long seed) {
        CtLogSimulator sim = SimTestSupport.start(vertx, SimTestSupport.quiet().seed(seed).tiledLogs(0).faultRate(0.5)
                .faults(EnumSet.of(FaultKind.RATE_LIMIT, FaultKind.SERVER_ERROR)).build());
        WebClient client = SimTestSupport.client(vertx);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            statuses.add(get(client, sim.log("rfc0").url() + "ct/v1/get-sth").statusCode());
        }
        await(sim.close());
        return statuses;
    }

    private static boolean parses(byte[] der) {
        try {
            org.bouncycastle.asn1.x509.Certificate.getInstance(der);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
