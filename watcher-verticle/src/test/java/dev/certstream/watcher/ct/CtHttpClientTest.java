package dev.certstream.watcher.ct;

import dev.certstream.node.EnvReader;
import dev.certstream.watcher.WatcherConfig;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static dev.certstream.testing.TestFutures.await;
import static dev.certstream.testing.TestFutures.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CT client against a loopback server: a body sent in many chunks arrives whole, gzip is inflated
 * whether or not it was announced, and the cap ({@code CERTSTREAM_MAX_RESPONSE_BYTES}) refuses large
 * bodies and gzip bombs.
 */
class CtHttpClientTest {

    private static final int CAP = 64 * 1024;
    private static Vertx vertx;
    private static HttpServer server;
    private static CtHttpClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = await(vertx.createHttpServer().requestHandler(request -> {
            HttpServerResponse response = request.response();
            switch (request.path()) {
                case "/chunked" -> {
                    response.setChunked(true);
                    for (int i = 0; i < 200; i++) {
                        response.write(Buffer.buffer(chunk(i)));
                    }
                    response.end();
                }
                case "/over-cap" -> response.end(Buffer.buffer(new byte[CAP + 1]));
                case "/at-cap" -> response.end(Buffer.buffer(pattern(CAP)));
                case "/gzip" -> response.putHeader("Content-Encoding", "gzip").end(Buffer.buffer(gzip(pattern(CAP))));
                case "/gzip-unannounced" -> response.end(Buffer.buffer(gzip(pattern(1000))));
                case "/bomb" -> response.putHeader("Content-Encoding", "gzip").end(Buffer.buffer(gzip(new byte[CAP * 64])));
                // A tile server: 206 from the byte asked (identity only, as the client asks), whole without Range.
                case "/tile" -> {
                    String range = request.getHeader("Range");
                    byte[] tile = pattern(1000);
                    if (range == null) {
                        response.end(Buffer.buffer(tile));
                    } else {
                        int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
                        response.setStatusCode(206).putHeader("Content-Range", "bytes " + from + "-999/1000")
                                .end(Buffer.buffer(Arrays.copyOfRange(tile, from, 1000)));
                    }
                }
                case "/wrong-range" -> response.setStatusCode(206).putHeader("Content-Range", "bytes 0-9/10")
                        .end(Buffer.buffer(new byte[10]));
                case "/agent" -> response.end(String.valueOf(request.getHeader("User-Agent")));
                default -> response.setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1"));
        client = new CtHttpClient(vertx, WatcherConfig.fromEnv(new EnvReader(
                Map.of("CERTSTREAM_MAX_RESPONSE_BYTES", String.valueOf(CAP), "CERTSTREAM_CONTACT", "mailto:ct@example.org"))));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        await(vertx.close());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    @Test
    void aBodyInManyChunksArrivesWhole() throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            expected.writeBytes(chunk(i));
        }
        assertArrayEquals(expected.toByteArray(), await(client.get(url("/chunked"))));
    }

    @Test
    void theCapIsInclusive() throws Exception {
        assertArrayEquals(pattern(CAP), await(client.get(url("/at-cap"))));
        assertEquals(FetchException.Kind.TOO_LARGE, failure("/over-cap").kind());
    }

    @Test
    void gzipIsInflatedAnnouncedOrNot() throws Exception {
        assertArrayEquals(pattern(CAP), await(client.get(url("/gzip"))));
        assertArrayEquals(pattern(1000), await(client.get(url("/gzip-unannounced"))));
    }

    @Test
    void aGzipBombIsRefusedAtTheCap() throws Exception {
        FetchException bomb = failure("/bomb");
        assertEquals(FetchException.Kind.BAD_BODY, bomb.kind());
    }

    @Test
    void aMissingDocumentIsNotFound() throws Exception {
        assertEquals(FetchException.Kind.NOT_FOUND, failure("/nothing").kind());
    }

    @Test
    void aRangedReadGetsTheRestFromTheByteAskedAndAWholeReadTheWhole() throws Exception {
        CtResponse rest = await(client.fetch(url("/tile"), 600));
        assertEquals(206, rest.status());
        assertEquals(600, rest.rangeStart());
        assertArrayEquals(Arrays.copyOfRange(pattern(1000), 600, 1000), rest.body());
        assertEquals(400, rest.wireBytes());
        CtResponse whole = await(client.fetch(url("/tile"), -1));
        assertEquals(200, whole.status());
        assertArrayEquals(pattern(1000), whole.body());
    }

    @Test
    void aPartAnswerStartingElsewhereThanAskedIsRefused() {
        FetchException wrong = assertInstanceOf(FetchException.class, awaitFailure(client.fetch(url("/wrong-range"), 5)));
        assertEquals(FetchException.Kind.BAD_BODY, wrong.kind());
    }

    @Test
    void theUserAgentNamesTheSoftwareItsVersionAndTheContact() throws Exception {
        String agent = new String(await(client.get(url("/agent"))), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(agent.matches("certstream-vertx/[0-9][^ ]* \\(\\+contact: mailto:ct@example\\.org\\)"), agent);
    }

    private static FetchException failure(String path) {
        return assertInstanceOf(FetchException.class, awaitFailure(client.get(url(path))));
    }

    private static byte[] chunk(int i) {
        byte[] chunk = new byte[97 + i];
        Arrays.fill(chunk, (byte) i);
        return chunk;
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + i / 7);
        }
        return bytes;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
