package dev.certstream.simulator.http;

import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.SimTestSupport;
import dev.certstream.simulator.log.LogAssembler;
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

import java.time.Duration;

import static dev.certstream.simulator.SimTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Over HTTP: /_stats, User-Agents, partial-tile repeats, the operator throttle, huge pages and periodic STHs. */
@ExtendWith(VertxExtension.class)
class PolitenessHttpTest {

    private static final String UA = "certstream-test/0.1 (+mailto:ops@example.org)";
    private CtLogSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            await(simulator.close());
        }
    }

    @Test
    void statsEndpointReportsWhatTheJavaApiSees(Vertx vertx) {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().tiledLogs(1).initialSize(300).build());
        SimulatedLog tiled = simulator.log("tiled0");
        SimTestSupport.waitUntil("first checkpoint", () -> tiled.publishedSize() == 300);
        WebClient client = SimTestSupport.client(vertx);
        get(client, simulator.log("rfc0").url() + "ct/v1/get-sth");
        get(client, tiled.url() + "tile/data/001.p/44");
        get(client, tiled.url() + "tile/data/001.p/44");
        get(client, tiled.url() + "tile/data/000");
        JsonObject stats = SimTestSupport.getJson(client, simulator.statsUrl());
        TrafficReport report = simulator.traffic();
        assertEquals(report.toJson(), stats);
        assertEquals(4, report.logs().values().stream().mapToLong(TrafficReport.LogTraffic::requests).sum());
        assertEquals(4L, report.userAgents().get(UA));
        assertEquals(1, report.partialTileRepeats());
        assertEquals(2, report.logs().get("tiled0").partialTileFetches());
        assertTrue(report.logs().get("tiled0").bytesServed() > 256 * 100, "a full tile's bytes were counted");
        simulator.resetTraffic();
        assertEquals(0, simulator.traffic().requests());
    }

    @Test
    void anOperatorPastItsLimitGets429WithRetryAfter(Vertx vertx) {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().retryAfterSeconds(7)
                .operatorLimit(LogAssembler.GENERATED_RFC_OPERATOR, 1).build());
        WebClient client = SimTestSupport.client(vertx);
        int throttled = 0;
        for (int i = 0; i < 5; i++) {
            HttpResponse<Buffer> answer = get(client, simulator.log("rfc0").url() + "ct/v1/get-sth");
            if (answer.statusCode() == 429) {
                assertEquals("7", answer.getHeader("Retry-After"));
                throttled++;
            }
        }
        assertTrue(throttled >= 1, "5 requests in a row to an operator allowing 1/s");
        assertEquals(200, get(client, simulator.log("tiled0").url() + "checkpoint").statusCode(), "another operator");
        TrafficReport.OperatorTraffic operator = simulator.traffic().operators().get(LogAssembler.GENERATED_RFC_OPERATOR);
        assertEquals(throttled, operator.throttled());
        assertEquals(throttled, simulator.traffic().logs().get("rfc0").tooManyRequests());
    }

    @Test
    void hugePagesAreStreamedWithoutALength(Vertx vertx) {
        int huge = 3 << 20;
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().initialSize(300).hugePages("rfc0").hugePages("tiled0")
                .hugePageBytes(huge).build());
        SimTestSupport.waitUntil("first checkpoint", () -> simulator.log("tiled0").publishedSize() == 300);
        WebClient client = SimTestSupport.client(vertx);
        HttpResponse<Buffer> page = get(client, simulator.log("rfc0").url() + "ct/v1/get-entries?start=0&end=9");
        assertEquals(200, page.statusCode());
        assertNull(page.getHeader("Content-Length"));
        assertEquals(huge, page.body().length());
        assertEquals(1, new JsonObject(page.body()).getJsonArray("entries").size(), "well-formed JSON");
        HttpResponse<Buffer> tile = get(client, simulator.log("tiled0").url() + "tile/data/000");
        assertEquals(huge, tile.body().length());
        assertEquals(200, get(client, simulator.log("rfc0").url() + "ct/v1/get-sth").statusCode(), "heads stay normal");
        assertEquals(1, simulator.traffic().logs().get("rfc0").hugePages());
        assertTrue(simulator.traffic().logs().get("tiled0").bytesServed() >= huge);
    }

    @Test
    void periodicSthsShowTheTreeOnlyAtTheNextPublication(Vertx vertx) {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().tiledLogs(0).sthPeriod(Duration.ofMillis(200)).build());
        SimulatedLog log = simulator.log("rfc0");
        WebClient client = SimTestSupport.client(vertx);
        log.append(25);
        assertEquals(625, log.treeSize());
        SimTestSupport.waitUntil("the next STH", () -> log.publishedSize() == 625);
        assertEquals(625, SimTestSupport.getJson(client, log.url() + "ct/v1/get-sth").getLong("tree_size"));
    }

    @Test
    void independentLogsPublishAtPhasesOfTheirOwnUnlessAligned(Vertx vertx) {
        for (boolean aligned : new boolean[] {false, true}) {
            simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().rfc6962Logs(2).tiledLogs(0)
                    .sthPeriod(Duration.ofSeconds(1)).alignedHeads(aligned).build());
            SimulatedLog first = simulator.log("rfc0");
            SimulatedLog second = simulator.log("rfc1");
            first.append(1);
            second.append(1);
            long[] seenAt = {-1, -1};
            SimTestSupport.waitUntil("both STHs", () -> {
                long now = System.nanoTime() / 1_000_000;
                if (seenAt[0] < 0 && first.publishedSize() == first.treeSize()) {
                    seenAt[0] = now;
                }
                if (seenAt[1] < 0 && second.publishedSize() == second.treeSize()) {
                    seenAt[1] = now;
                }
                return seenAt[0] >= 0 && seenAt[1] >= 0;
            });
            long apart = Math.floorMod(seenAt[1] - seenAt[0], 1000);
            long distance = Math.min(apart, 1000 - apart);
            // Phases of their own are 618 ms apart (382 the other way round); aligned ones publish together.
            if (aligned) {
                assertTrue(distance < 150, "aligned STHs published " + distance + " ms apart");
            } else {
                assertTrue(distance > 250, "independent logs published " + distance + " ms apart");
            }
            await(simulator.close());
            simulator = null;
        }
    }

    private static HttpResponse<Buffer> get(WebClient client, String url) {
        return await(client.getAbs(url).putHeader("User-Agent", UA).putHeader("Accept-Encoding", "identity").send());
    }
}
