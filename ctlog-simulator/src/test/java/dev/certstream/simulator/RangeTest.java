package dev.certstream.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.certstream.simulator.SimTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Range requests on data tiles: 206 with the bytes asked for, 416 past the end, or 200 whole when ignored. */
@ExtendWith(VertxExtension.class)
class RangeTest {

    private CtLogSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            await(simulator.close());
        }
    }

    @Test
    void partialAndFullTilesAnswerARangeWithItsBytes(Vertx vertx) {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().rfc6962Logs(0).tiledLogs(1).initialSize(300).build());
        SimulatedLog log = simulator.log("tiled0");
        SimTestSupport.waitUntil("first checkpoint", () -> log.publishedSize() == 300);
        WebClient client = SimTestSupport.client(vertx);
        for (String tile : new String[] {"000", "001.p/44"}) {
            byte[] whole = get(client, log.url() + "tile/data/" + tile, null).body().getBytes();
            int from = whole.length / 3;
            HttpResponse<Buffer> ranged = get(client, log.url() + "tile/data/" + tile, "bytes=" + from + "-");
            assertEquals(206, ranged.statusCode(), tile);
            assertEquals("bytes " + from + "-" + (whole.length - 1) + "/" + whole.length, ranged.getHeader("Content-Range"));
            assertArrayEquals(java.util.Arrays.copyOfRange(whole, from, whole.length), ranged.body().getBytes(), tile);
            assertEquals("bytes", ranged.getHeader("Accept-Ranges"));
            HttpResponse<Buffer> bounded = get(client, log.url() + "tile/data/" + tile, "bytes=10-19");
            assertEquals(206, bounded.statusCode());
            assertArrayEquals(java.util.Arrays.copyOfRange(whole, 10, 20), bounded.body().getBytes());
            HttpResponse<Buffer> past = get(client, log.url() + "tile/data/" + tile, "bytes=" + whole.length + "-");
            assertEquals(416, past.statusCode());
            assertEquals("bytes */" + whole.length, past.getHeader("Content-Range"));
        }
        // A client that also accepts gzip still gets plain bytes for a range: offsets are into the entries.
        HttpResponse<Buffer> negotiated = await(client.getAbs(log.url() + "tile/data/000").putHeader("Range", "bytes=5-")
                .putHeader("Accept-Encoding", "gzip, identity").send());
        assertEquals(206, negotiated.statusCode());
        assertNull(negotiated.getHeader("Content-Encoding"));
        // A range form we do not serve (a suffix) gets the whole tile, as HTTP allows.
        assertEquals(200, get(client, log.url() + "tile/data/000", "bytes=-10").statusCode());
        TrafficReport.LogTraffic traffic = simulator.traffic().logs().get("tiled0");
        assertEquals(8, traffic.rangeRequests());
        assertEquals(5, traffic.partialContent());
    }

    @Test
    void theIgnoreKnobAnswersTheWholeTile(Vertx vertx) {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().rfc6962Logs(0).tiledLogs(1).initialSize(300)
                .honourRange(false).build());
        SimulatedLog log = simulator.log("tiled0");
        SimTestSupport.waitUntil("first checkpoint", () -> log.publishedSize() == 300);
        WebClient client = SimTestSupport.client(vertx);
        byte[] whole = get(client, log.url() + "tile/data/001.p/44", null).body().getBytes();
        HttpResponse<Buffer> ignored = get(client, log.url() + "tile/data/001.p/44", "bytes=100-");
        assertEquals(200, ignored.statusCode());
        assertNull(ignored.getHeader("Content-Range"));
        assertNull(ignored.getHeader("Accept-Ranges"));
        assertArrayEquals(whole, ignored.body().getBytes());
        assertEquals(1, simulator.traffic().logs().get("tiled0").rangeRequests());
    }

    @Test
    void aLogThatAlwaysGzipsIgnoresRanges(Vertx vertx) {
        simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().rfc6962Logs(0).tiledLogs(1).initialSize(300)
                .gzip(GzipMode.ALWAYS).build());
        SimulatedLog log = simulator.log("tiled0");
        SimTestSupport.waitUntil("first checkpoint", () -> log.publishedSize() == 300);
        HttpResponse<Buffer> answer = get(SimTestSupport.client(vertx), log.url() + "tile/data/000", "bytes=100-");
        assertEquals(200, answer.statusCode());
        assertEquals("gzip", answer.getHeader("Content-Encoding"));
    }

    @Test
    void rangeHeadersParse() {
        assertEquals(new ByteRange(5, -1), ByteRange.parse("bytes=5-"));
        assertEquals(new ByteRange(5, 9), ByteRange.parse(" bytes=5-9 "));
        assertNull(ByteRange.parse("bytes=9-5"));
        assertNull(ByteRange.parse("bytes=-5"));
        assertNull(ByteRange.parse("bytes=1-2,4-5"));
        assertNull(ByteRange.parse("items=1-"));
        assertNull(ByteRange.parse(null));
    }

    private static HttpResponse<Buffer> get(WebClient client, String url, String range) {
        var request = client.getAbs(url).putHeader("Accept-Encoding", "identity");
        if (range != null) {
            request.putHeader("Range", range);
        }
        return await(request.send());
    }
}
