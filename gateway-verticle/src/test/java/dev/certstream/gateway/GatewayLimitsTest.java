package dev.certstream.gateway;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.certstream.gateway.access.Cidr;
import dev.certstream.gateway.access.ClientLimits;
import io.vertx.core.MultiMap;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-client limits with clients on several loopback addresses (127.0.0.2, 127.0.0.3) and through a trusted
 * proxy's X-Forwarded-For: concurrent and per-minute caps with 429 and Retry-After, tokens with 401 and their
 * own caps, reloaded without a restart and never logged.
 */
class GatewayLimitsTest {

    static final String TOKEN = "acme-0123456789abcdef";
    static final String OTHER_TOKEN = "beta-fedcba9876543210";

    private GatewayHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    static ClientLimits limits(int maxStreams, int perMinute, List<Cidr> proxies, Path tokens, boolean required) {
        return new ClientLimits(maxStreams, perMinute, proxies, tokens, required, 1000, 1000, Duration.ofMillis(100),
                Duration.ofSeconds(10), 1000);
    }

    private void start(ClientLimits limits) {
        GatewayConfig config = GatewayHarness.config();
        harness = GatewayHarness.start(config.toBuilder().subscriptions(config.subscriptions().withClients(limits)).build(), true);
    }

    /** The outcome of one websocket attempt: 101 (socket set) or the refusal's status and headers. */
    record Attempt(WebSocket socket, int status, MultiMap headers, String body) {
    }

    private Attempt attempt(String from, String path, Map<String, String> headers) {
        WebSocketClient client = harness.vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(from));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(harness.port()).setURI(path);
        headers.forEach(options::addHeader);
        try {
            return new Attempt(GatewayHarness.await(client.connect(options)), 101, null, null);
        } catch (AssertionError e) {
            Throwable cause = e.getCause();
            UpgradeRejectedException rejected = assertInstanceOf(UpgradeRejectedException.class, cause, String.valueOf(cause));
            return new Attempt(null, rejected.getStatus(), rejected.getHeaders(), rejected.getBody().toString());
        }
    }

    private Attempt attempt(String from, String path) {
        return attempt(from, path, Map.of());
    }

    @Test
    void concurrentStreamsAreCappedPerAddress() {
        start(limits(2, 1000, List.of(), null, false));
        assertEquals(101, attempt("127.0.0.2", "/").status());
        assertEquals(101, attempt("127.0.0.2", "/full-stream?keyword=x").status());
        Attempt third = attempt("127.0.0.2", "/domains-only");
        assertEquals(429, third.status());
        assertEquals("30", third.headers().get("Retry-After"));
        assertTrue(third.body().contains("too many streams from 127.0.0.2: at most 2 at once"), third.body());
        Attempt other = attempt("127.0.0.3", "/");
        assertEquals(101, other.status(), "another address has its own cap");
        GatewayHarness.await(other.socket().close());
        waitUntil("the close is counted", () -> harness.gateway.clients() == 2);
        assertEquals(101, attempt("127.0.0.3", "/").status());
        assertTrue(harness.get("/metrics").body().toString().contains("certstream_clients_limited_total 1.0"));
    }

    @Test
    void newStreamsPerMinuteAreCappedPerAddressWithRetryAfter() {
        start(limits(100, 3, List.of(), null, false));
        for (int i = 0; i < 3; i++) {
            assertEquals(101, attempt("127.0.0.2", "/").status());
        }
        Attempt fourth = attempt("127.0.0.2", "/");
        assertEquals(429, fourth.status());
        long retryAfter = Long.parseLong(fourth.headers().get("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 20, "one token comes back every 20 s: " + retryAfter);
        assertTrue(fourth.body().contains("at most 3 per minute"), fourth.body());
        assertEquals(101, attempt("127.0.0.3", "/").status());
    }

    @Test
    void aTrustedProxyNamesTheClientAndAnUntrustedOneCannot() {
        start(limits(1, 1000, List.of(Cidr.parse("127.0.0.2/32")), null, false));
        Map<String, String> fromA = Map.of("X-Forwarded-For", "198.51.100.9, 203.0.113.7");
        assertEquals(101, attempt("127.0.0.2", "/", fromA).status());
        Attempt again = attempt("127.0.0.2", "/", fromA);
        assertEquals(429, again.status());
        assertTrue(again.body().contains("from 203.0.113.7"), "the right-most untrusted hop is the client: " + again.body());
        assertEquals(101, attempt("127.0.0.2", "/", Map.of("X-Forwarded-For", "203.0.113.8")).status(),
                "another client behind the same proxy");
        assertEquals(101, attempt("127.0.0.3", "/", fromA).status(), "127.0.0.3 is no proxy: its header is ignored");
        Attempt spoofed = attempt("127.0.0.3", "/", Map.of("X-Forwarded-For", "203.0.113.99"));
        assertEquals(429, spoofed.status());
        assertTrue(spoofed.body().contains("from 127.0.0.3"), spoofed.body());
    }

    @Test
    void tokensAreRequiredCheckedCappedReloadedAndNeverLogged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# API tokens\n" + TOKEN + " name=acme streams=1\n");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            start(limits(100, 1000, List.of(), file, true));
            Attempt none = attempt("127.0.0.2", "/");
            assertEquals(401, none.status());
            assertEquals("Bearer realm=\"certstream\"", none.headers().get("WWW-Authenticate"));
            assertEquals(401, attempt("127.0.0.2", "/", Map.of("Authorization", "Bearer " + OTHER_TOKEN)).status());
            Attempt bearer = attempt("127.0.0.2", "/", Map.of("Authorization", "Bearer " + TOKEN));
            assertEquals(101, bearer.status());
            Attempt second = attempt("127.0.0.3", "/?token=" + TOKEN);
            assertEquals(429, second.status(), "the token's own cap of 1 stream, whatever the address");
            assertTrue(second.body().contains("token acme"), second.body());
            assertEquals(401, harness.get("/events?stream=lite").status());

            Files.writeString(file, OTHER_TOKEN + " name=beta\n");
            waitUntil("the new token is accepted without a restart",
                    () -> attempt("127.0.0.2", "/?token=" + OTHER_TOKEN).status() == 101);
            assertEquals(401, attempt("127.0.0.2", "/?token=" + TOKEN).status(), "the removed token no longer works");
            assertNotNull(bearer.socket());
        } finally {
            root.detachAppender(logs);
        }
        for (ILoggingEvent event : logs.list) {
            assertTrue(!event.getFormattedMessage().contains(TOKEN) && !event.getFormattedMessage().contains(OTHER_TOKEN),
                    "a token in a log line: " + event.getFormattedMessage());
        }
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("loaded 1 API tokens")));
    }
}
