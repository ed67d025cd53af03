package dev.certstream.simulator.http;

import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.CtTestDecoder;
import dev.certstream.simulator.SimTestSupport;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.entry.TilePath;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static dev.certstream.simulator.SimTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures how many entries per second the simulator serves (tiles and get-entries), client in the
 * same JVM. Not part of the normal run (the name does not end in Test); run it with
 * {@code mvn -pl ctlog-simulator -am test -Dtest=ServeThroughputBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * It asserts only that the answers were complete and real, never a speed.
 */
@ExtendWith(VertxExtension.class)
class ServeThroughputBench {

    private static final long SECONDS = Long.getLong("bench.seconds", 10);
    private static final int LANES = Integer.getInteger("bench.lanes", 4);

    @Test
    void entriesPerSecond(Vertx vertx) {
        CtLogSimulator simulator = SimTestSupport.start(vertx, SimulatorConfig.builder().rfc6962Logs(1).tiledLogs(1)
                .initialSize(5_000_000).growthPerSecond(0).pageCap(256).build());
        SimTestSupport.waitUntil("checkpoint", () -> simulator.log("tiled0").publishedSize() > 0);
        WebClient client = SimTestSupport.client(vertx);
        String tiles = simulator.log("tiled0").url() + "tile/data/";
        String rfc = simulator.log("rfc0").url() + "ct/v1/get-entries?start=";
        // Warm up the JIT on both paths before measuring.
        run(vertx, client, 3, i -> tiles + TilePath.encodeIndex(10_000 + i), "identity", ServeThroughputBench::tileEntries);
        run(vertx, client, 3, i -> rfc + (3_000_000 + i * 256) + "&end=" + (3_000_000 + i * 256 + 255), "identity",
                ServeThroughputBench::jsonEntries);

        double tilesPlain = run(vertx, client, SECONDS, i -> tiles + TilePath.encodeIndex(i), "identity",
                ServeThroughputBench::tileEntries);
        double tilesGzip = run(vertx, client, SECONDS, i -> tiles + TilePath.encodeIndex(5_000 + i), "gzip",
                r -> tileEntries(r));
        double tilesCached = run(vertx, client, SECONDS, i -> tiles + TilePath.encodeIndex(i % 32), "identity",
                ServeThroughputBench::tileEntries);
        double pages = run(vertx, client, SECONDS, i -> rfc + (i * 256) + "&end=" + (i * 256 + 255), "identity",
                ServeThroughputBench::jsonEntries);
        System.out.printf("%nSIMULATOR THROUGHPUT (%d lanes, %d s each, client in the same JVM, %d CPUs)%n"
                        + "  data tiles, identity, all distinct : %,.0f entries/s%n"
                        + "  data tiles, gzip, all distinct     : %,.0f entries/s%n"
                        + "  data tiles, identity, 32 cached    : %,.0f entries/s%n"
                        + "  get-entries pages of 256, distinct : %,.0f entries/s%n",
                LANES, SECONDS, Runtime.getRuntime().availableProcessors(), tilesPlain, tilesGzip, tilesCached, pages);
        assertTrue(tilesPlain > 0 && tilesGzip > 0 && pages > 0);
        await(simulator.close());
    }

    /** Fetches URL(i) for i = 0, 1, ... on LANES concurrent lanes for {@code seconds}; returns entries/s. */
    private static double run(Vertx vertx, WebClient client, long seconds, Function<Long, String> url, String encoding,
                              Function<HttpResponse<Buffer>, Integer> countEntries) {
        AtomicLong next = new AtomicLong();
        AtomicLong entries = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        List<Future<Void>> lanes = new ArrayList<>();
        for (int lane = 0; lane < LANES; lane++) {
            Promise<Void> done = Promise.promise();
            lanes.add(done.future());
            fetchNext(client, url, encoding, countEntries, next, entries, deadline, done);
        }
        await(Future.all(lanes));
        return entries.get() / ((System.nanoTime() - started) / 1e9);
    }

    private static void fetchNext(WebClient client, Function<Long, String> url, String encoding,
                                  Function<HttpResponse<Buffer>, Integer> countEntries, AtomicLong next, AtomicLong entries,
                                  long deadline, Promise<Void> done) {
        if (System.nanoTime() > deadline) {
            done.complete();
            return;
        }
        client.getAbs(url.apply(next.getAndIncrement())).putHeader("Accept-Encoding", encoding).send()
                .onFailure(done::fail)
                .onSuccess(response -> {
                    if (response.statusCode() != 200) {
                        done.fail("HTTP " + response.statusCode());
                        return;
                    }
                    entries.addAndGet(countEntries.apply(response));
                    fetchNext(client, url, encoding, countEntries, next, entries, deadline, done);
                });
    }

    /** Walks the tile framing (gunzipping if needed) and checks there are 256 entries. */
    private static int tileEntries(HttpResponse<Buffer> response) {
        byte[] body = response.bodyAsBuffer().getBytes();
        if ("gzip".equals(response.getHeader("Content-Encoding"))) {
            try {
                body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        int count = CtTestDecoder.tile(body).size();
        if (count != 256) {
            throw new AssertionError("tile with " + count + " entries");
        }
        return count;
    }

    private static int jsonEntries(HttpResponse<Buffer> response) {
        int count = response.bodyAsJsonObject().getJsonArray("entries").size();
        if (count != 256) {
            throw new AssertionError("page with " + count + " entries");
        }
        return count;
    }
}
