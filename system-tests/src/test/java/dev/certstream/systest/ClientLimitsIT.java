package dev.certstream.systest;

import dev.certstream.systest.client.Http;
import dev.certstream.systest.client.RawConnection;

import dev.certstream.systest.process.DemoServer;
import dev.certstream.systest.process.RepoPaths;
import dev.certstream.systest.process.ServerProcess;

import dev.certstream.testing.Wait;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-client limits of the real server with clients on several loopback addresses (127.0.0.2, .3) and
 * behind a trusted proxy (127.0.0.4 with X-Forwarded-For): concurrent and per-minute caps answer 429 with
 * Retry-After, tokens get their own caps, an unknown token 401, a token file change takes effect without a
 * restart, slowloris connections are closed; with tokens required, a client without one gets 401.
 */
class ClientLimitsIT {

    private static final String TOKEN_A = "systest-token-aaaaaaaaaaaa";
    private static final String TOKEN_B = "systest-token-bbbbbbbbbbbb";

    private static String status(String head) {
        return head.isEmpty() ? "(closed)" : head.substring(0, head.indexOf("\r\n"));
    }

    private static boolean hasHeader(String head, String name) {
        return head.toLowerCase(Locale.ROOT).contains("\r\n" + name.toLowerCase(Locale.ROOT) + ":");
    }

    @Test
    void capsTokensProxiesAndSlowClientsOnTheRealServer() throws Exception {
        Path tokens = Files.createDirectories(RepoPaths.target().resolve("client-limits")).resolve("tokens");
        Files.writeString(tokens, TOKEN_A + " name=systest-a streams=3\n");
        try (ServerProcess server = DemoServer.start("client-limits-server", Map.of(
                "CERTSTREAM_CLIENT_MAX_STREAMS", "2", "CERTSTREAM_CLIENT_STREAMS_PER_MINUTE", "4",
                "CERTSTREAM_TRUSTED_PROXIES", "127.0.0.4", "CERTSTREAM_TOKENS_FILE", tokens.toString(),
                "CERTSTREAM_TOKENS_RELOAD", "200ms", "CERTSTREAM_HEADER_TIMEOUT", "2s"))) {
            int port = server.httpPort();
            List<RawConnection> open = new ArrayList<>();
            try {
                // Concurrent streams per address.
                for (int i = 0; i < 2; i++) {
                    open.add(upgraded(new RawConnection("127.0.0.2", port), "/", ""));
                }
                String third = new RawConnection("127.0.0.2", port).upgrade("/domains-only");
                assertEquals("HTTP/1.1 429 Too Many Requests", status(third));
                assertTrue(hasHeader(third, "Retry-After"), third);
                open.add(upgraded(new RawConnection("127.0.0.3", port), "/?keyword=pay", ""));

                // Behind the trusted proxy, X-Forwarded-For names the client.
                String viaProxy = "X-Forwarded-For: 198.51.100.1, 203.0.113.5\r\n";
                open.add(upgraded(new RawConnection("127.0.0.4", port), "/", viaProxy));
                open.add(upgraded(new RawConnection("127.0.0.4", port), "/full-stream", viaProxy));
                assertEquals("HTTP/1.1 429 Too Many Requests", status(new RawConnection("127.0.0.4", port).upgrade("/", viaProxy)));
                open.add(upgraded(new RawConnection("127.0.0.4", port), "/", "X-Forwarded-For: 203.0.113.6\r\n"));

                // A token has its own caps, wherever it connects from; an unknown one is refused.
                String bearerA = "Authorization: Bearer " + TOKEN_A + "\r\n";
                open.add(upgraded(new RawConnection("127.0.0.2", port), "/", bearerA));
                String unknown = new RawConnection("127.0.0.2", port).upgrade("/?token=" + TOKEN_B);
                assertEquals("HTTP/1.1 401 Unauthorized", status(unknown));
                assertTrue(hasHeader(unknown, "WWW-Authenticate"), unknown);

                // New streams per minute: 127.0.0.3 used 1 of its 4; three more (closed at once), then 429.
                for (int i = 0; i < 3; i++) {
                    try (RawConnection c = upgraded(new RawConnection("127.0.0.3", port), "/", "")) {
                        assertTrue(c != null);
                    }
                    Wait.until("the closed stream is released", Duration.ofSeconds(30),
                            () -> Http.get(DemoServer.baseUrl(server) + "/stats").json().path("current_users").asInt() == open.size());
                }
                String tooFast = new RawConnection("127.0.0.3", port).upgrade("/");
                assertEquals("HTTP/1.1 429 Too Many Requests", status(tooFast));
                int retryAfter = Integer.parseInt(tooFast.replaceAll("(?s).*\r\nRetry-After: (\\d+)\r\n.*", "$1"));
                assertTrue(retryAfter >= 1 && retryAfter <= 15, "a token comes back every 15 s at 4 per minute: " + tooFast);

                // The token file changes: B works, A is gone, without a restart.
                Files.writeString(tokens, TOKEN_B + " name=systest-b\n");
                Wait.until("token B accepted", Duration.ofMinutes(1), () -> {
                    try (RawConnection c = new RawConnection("127.0.0.2", port)) {
                        return status(c.upgrade("/?token=" + TOKEN_B)).contains(" 101 ");
                    } catch (IOException e) {
                        return false;
                    }
                });
                assertEquals("HTTP/1.1 401 Unauthorized", status(new RawConnection("127.0.0.5", port).upgrade("/", bearerA)));

                // Slowloris: silent, half a request and half an upgrade are closed; the streams above are not.
                try (RawConnection silent = new RawConnection("127.0.0.6", port);
                     RawConnection half = new RawConnection("127.0.0.6", port);
                     RawConnection halfUpgrade = new RawConnection("127.0.0.6", port)) {
                    half.write("GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    halfUpgrade.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertEquals(0, silent.readUntilClosed(), "closed without a byte");
                    assertEquals(0, half.readUntilClosed());
                    assertEquals(0, halfUpgrade.readUntilClosed());
                }
                assertEquals(open.size(), Http.get(DemoServer.baseUrl(server) + "/stats").json().path("current_users").asInt(),
                        "the established streams are still open");
                String metrics = Http.get(DemoServer.baseUrl(server) + "/metrics").body();
                assertTrue(metrics.contains("certstream_connections_header_timeouts_total"), "slow connections are counted");
            } finally {
                for (RawConnection c : open) {
                    c.close();
                }
            }
        }
        Files.writeString(tokens, TOKEN_A + "\n");
        try (ServerProcess required = DemoServer.start("tokens-required-server", Map.of(
                "CERTSTREAM_TOKENS_FILE", tokens.toString(), "CERTSTREAM_TOKENS_REQUIRED", "true"))) {
            int port = required.httpPort();
            assertEquals("HTTP/1.1 401 Unauthorized", status(new RawConnection("127.0.0.2", port).upgrade("/")));
            assertEquals(401, Http.get(DemoServer.baseUrl(required) + "/events?stream=lite").status());
            try (RawConnection ok = upgraded(new RawConnection("127.0.0.2", port), "/?token=" + TOKEN_A, "")) {
                assertTrue(ok != null);
            }
            assertEquals(200, Http.get(DemoServer.baseUrl(required) + "/stats").status(), "JSON routes stay open");
        }
    }

    private static RawConnection upgraded(RawConnection connection, String path, String headers) throws IOException {
        String head = connection.upgrade(path, headers);
        assertEquals("HTTP/1.1 101 Switching Protocols", status(head), path + " " + headers + "\n" + head);
        return connection;
    }
}
