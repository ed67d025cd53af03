package dev.certstream.systest;

import dev.certstream.systest.check.JsonRouteChecks;

import dev.certstream.systest.client.Http;
import dev.certstream.systest.client.RawConnection;
import dev.certstream.systest.client.StreamClient;

import dev.certstream.systest.process.DemoServerExtension;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the real server jar does with input it should not get: unknown routes, plain GETs of streams,
 * oversized, binary and malformed frames, garbage instead of HTTP; the server keeps serving the others.
 * Connection churn is {@link ConnectionChurnIT}.
 */
class BadInputIT {

    @RegisterExtension
    static final DemoServerExtension SERVER = new DemoServerExtension("bad-input-server");

    @Test
    void unknownRoutesAnswer404JsonAndWrongMethods405() {
        String base = SERVER.baseUrl();
        for (String path : List.of("/nope", "/full-stream/nope", "/latest.jsonx", "/assets/nope.js", "/stats/extra", "/%2e%2e/etc/passwd")) {
            JsonNode body = JsonRouteChecks.json(base + path, 404);
            assertTrue(body.path("error").isTextual(), path + ": " + body);
        }
        Http.Answer post = Http.send(HttpRequest.newBuilder(URI.create(base + "/stats")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(405, post.status(), "POST /stats: " + post.body());
        assertTrue(post.json().path("error").isTextual(), "POST /stats body: " + post.body());
    }

    @Test
    void plainGetsOfStreamsAre4xxAndOfTheRootTheIndexPage() {
        String base = SERVER.baseUrl();
        for (String path : List.of("/full-stream", "/full-stream/", "/domains-only", "/domains-only/")) {
            Http.Answer answer = Http.get(base + path);
            assertTrue(answer.status() >= 400 && answer.status() < 500, path + " answered " + answer.status());
            assertTrue(answer.json().path("error").isTextual(), path + ": " + answer.body());
        }
        Http.Answer index = Http.get(base + "/");
        assertEquals(200, index.status());
        assertTrue(index.header("Content-Type").orElse("").startsWith("text/html"), "index type " + index.headers().map());
        assertTrue(index.body().contains("id=\"feed\""), "index page body: " + index.body());
    }

    @Test
    void misbehavingClientsAreClosedOrIgnoredWhileOthersAreServed() throws Exception {
        try (StreamClient observer = StreamClient.connect(SERVER.wsUrl("/domains-only"));
             StreamClient pinger = StreamClient.connect(SERVER.wsUrl("/"));
             StreamClient binary = StreamClient.connect(SERVER.wsUrl("/full-stream"))) {
            StreamClient oversized = StreamClient.connect(SERVER.wsUrl("/"));
            observer.awaitMessages("dns_entries", 1, StreamShapesIT.MESSAGE_DEADLINE);

            // Some clients send a text "ping"; binary frames are nothing we use: both are ignored.
            pinger.socket().sendText("ping", true).get(30, TimeUnit.SECONDS);
            binary.socket().sendBinary(ByteBuffer.wrap(new byte[]{0, 1, 2, (byte) 0xff}), true).get(30, TimeUnit.SECONDS);
            // Far past the server's bound on client frames: closed with 1009 (message too big).
            oversized.socket().sendText("x".repeat(64 * 1024), true);
            assertEquals(1009, oversized.closed().get(60, TimeUnit.SECONDS), "close code for an oversized frame");

            assertProtocolViolationsAreClosed();

            int observed = observer.messages("dns_entries").size();
            int pinged = pinger.messages("certificate_update").size();
            int binaried = binary.messages("certificate_update").size();
            observer.awaitMessages("dns_entries", observed + 5, StreamShapesIT.MESSAGE_DEADLINE);
            pinger.awaitMessages("certificate_update", pinged + 3, StreamShapesIT.MESSAGE_DEADLINE);
            binary.awaitMessages("certificate_update", binaried + 3, StreamShapesIT.MESSAGE_DEADLINE);
        }
        assertTrue(SERVER.process().isAlive(), "the server died:\n" + SERVER.process().logTail(40));
    }

    private static void assertProtocolViolationsAreClosed() throws IOException {
        try (RawConnection garbage = new RawConnection(SERVER.process().httpPort())) {
            garbage.write("\u0000\u0001\u0002 not http at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            garbage.readUntilClosed();
        }
        try (RawConnection unmasked = new RawConnection(SERVER.process().httpPort())) {
            String head = unmasked.upgrade("/domains-only");
            assertTrue(head.startsWith("HTTP/1.1 101"), "raw upgrade answered: " + head);
            // A client frame without the mask bit (RFC 6455 5.1: the server must close the connection).
            unmasked.write(new byte[]{(byte) 0x81, 0x05, 'h', 'e', 'l', 'l', 'o'});
            unmasked.readUntilClosed();
        }
        try (RawConnection reservedOpcode = new RawConnection(SERVER.process().httpPort())) {
            assertTrue(reservedOpcode.upgrade("/").startsWith("HTTP/1.1 101"));
            // Opcode 0x3 is reserved; masked, empty payload.
            reservedOpcode.write(new byte[]{(byte) 0x83, (byte) 0x80, 1, 2, 3, 4});
            reservedOpcode.readUntilClosed();
        }
    }
}
