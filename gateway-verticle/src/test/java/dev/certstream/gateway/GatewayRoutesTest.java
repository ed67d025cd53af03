package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static dev.certstream.gateway.TestEnvelopes.LOG_A;
import static dev.certstream.gateway.TestEnvelopes.LOG_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP side: JSON routes through the broker, their headers, errors, the index page and metrics. */
class GatewayRoutesTest {

    private GatewayHarness harness;

    @BeforeEach
    void start() {
        harness = GatewayHarness.start(GatewayHarness.config(), true);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private static void assertJsonHeaders(GatewayHarness.Reply reply) {
        assertEquals("application/json", reply.headers().get("Content-Type"));
        assertEquals("*", reply.headers().get("Access-Control-Allow-Origin"));
    }

    @Test
    void examplesAre503WithAJsonErrorBeforeAnyCertificate() {
        for (String path : new String[] {"/example.json", "/full-stream/example.json", "/domains-only/example.json"}) {
            GatewayHarness.Reply reply = harness.get(path);
            assertEquals(503, reply.status(), path);
            assertJsonHeaders(reply);
            assertTrue(reply.json().getString("error").contains("no certificate"), path);
        }
        GatewayHarness.Reply latest = harness.get("/latest.json");
        assertEquals(200, latest.status());
        assertEquals(new JsonObject().put("messages", new io.vertx.core.json.JsonArray()), latest.json());
    }

    @Test
    void servesTheBrokersLatestExamplesAndStats() {
        CertificateEnvelope newest = null;
        for (int i = 1; i <= 7; i++) {
            newest = TestEnvelopes.of(i % 2 == 0 ? LOG_A : LOG_B, i, i % 3 == 0 ? EntryType.PRECERT : EntryType.X509);
            harness.publish(newest);
        }
        harness.publish(TestEnvelopes.of(LOG_A, 6, EntryType.PRECERT)); // a duplicate: counted once
        waitUntil("the broker counted 7", () -> harness.get("/stats").json().getLong("processed_certificates") == 7);

        GatewayHarness.Reply latest = harness.get("/latest.json");
        assertEquals(200, latest.status());
        assertJsonHeaders(latest);
        var messages = latest.json().getJsonArray("messages");
        assertEquals(5, messages.size(), "the test broker's ring holds 5");
        for (int i = 0; i < 5; i++) {
            assertEquals(7 - i, messages.getJsonObject(i).getJsonObject("data").getLong("cert_index"), "newest first");
        }

        assertEquals(newest.lite(), harness.get("/example.json").body());
        assertEquals(newest.full(), harness.get("/full-stream/example.json").body());
        assertEquals(newest.domains(), harness.get("/domains-only/example.json").body());
        assertJsonHeaders(harness.get("/full-stream/example.json"));

        GatewayHarness.Reply stats = harness.get("/stats");
        assertEquals(200, stats.status());
        assertJsonHeaders(stats);
        JsonObject body = stats.json();
        assertEquals(7, body.getLong("processed_certificates"));
        assertEquals(5, body.getJsonObject("certificates_by_type").getLong("X509LogEntry"));
        assertEquals(2, body.getJsonObject("certificates_by_type").getLong("PrecertLogEntry"));
        assertEquals(3, body.getJsonObject("logs").getJsonObject(LOG_A).getLong("processed"));
        assertEquals(4, body.getJsonObject("logs").getJsonObject(LOG_B).getLong("processed"));
        assertEquals(0, body.getInteger("current_users"));
        assertEquals(new JsonObject().put("lite", 0).put("full", 0).put("domains", 0), body.getJsonObject("current_users_by_stream"));
        assertEquals(0, body.getJsonObject("dropped_messages").getLong("total"));
        assertTrue(body.getJsonObject("dropped_messages").getJsonArray("worst_sockets").isEmpty());
    }

    @Test
    void healthAndReadinessFollowTheBroker() {
        harness.close();
        harness = GatewayHarness.start(GatewayHarness.config().toBuilder().brokerFallbackAge(Duration.ZERO).build(), true);
        assertEquals(200, harness.get("/health").status());
        assertEquals("ok", harness.get("/health").json().getString("status"));
        GatewayHarness.Reply ready = harness.get("/ready");
        assertEquals(200, ready.status());
        assertJsonHeaders(ready);

        harness.stopBroker();
        GatewayHarness.Reply notReady = harness.get("/ready");
        assertEquals(503, notReady.status());
        assertEquals("not ready", notReady.json().getString("status"));
        assertEquals(200, harness.get("/health").status(), "liveness does not depend on the broker");
        for (String path : new String[] {"/latest.json", "/example.json", "/stats"}) {
            GatewayHarness.Reply reply = harness.get(path);
            assertEquals(503, reply.status(), path);
            assertJsonHeaders(reply);
            assertTrue(reply.json().getString("error").startsWith("broker unavailable"), path);
        }
        assertEquals(0, harness.get("/stats").json().getInteger("current_users"), "the gateway's own figures remain");
    }

    @Test
    void unknownRoutesAre404Json() {
        for (String path : new String[] {"/nope", "/full-stream/nope", "/latest", "/assets/missing.js"}) {
            GatewayHarness.Reply reply = harness.get(path);
            assertEquals(404, reply.status(), path);
            assertJsonHeaders(reply);
            assertEquals(404, reply.json().getInteger("status"), path);
        }
        GatewayHarness.Reply post = harness.request(HttpMethod.POST, "/stats");
        assertEquals(405, post.status());
        assertJsonHeaders(post);
    }

    @Test
    void plainHttpToAStreamIs426AndTheRootIsTheIndexPage() {
        for (String path : new String[] {"/full-stream", "/full-stream/", "/domains-only", "/domains-only/"}) {
            GatewayHarness.Reply reply = harness.get(path);
            assertEquals(426, reply.status(), path);
            assertJsonHeaders(reply);
            assertEquals("websocket", reply.headers().get("Upgrade"));
            assertTrue(reply.json().getString("error").contains("websocket"), path);
        }
        GatewayHarness.Reply index = harness.get("/");
        assertEquals(200, index.status());
        assertTrue(index.headers().get("Content-Type").startsWith("text/html"));
        String html = index.body().toString();
        assertTrue(html.contains("id=\"feed\"") && html.contains("id=\"stat-processed\"") && html.contains("/assets/app.js"));
        GatewayHarness.Reply script = harness.get("/assets/app.js");
        assertEquals(200, script.status());
        assertTrue(script.body().toString().contains("/domains-only"));
        assertEquals(200, harness.get("/assets/style.css").status());
        assertTrue(html.contains("id=\"filter-input\"") && html.contains("/assets/filter.js"), "the filter box");
        assertEquals(200, harness.get("/assets/filter.js").status());
        GatewayHarness.Reply icon = harness.get("/favicon.ico");
        assertEquals(200, icon.status(), "no 404 for the browser's icon probe");
        assertEquals("image/svg+xml", icon.headers().get("Content-Type"));
        assertTrue(icon.body().toString().startsWith("<svg"));
        assertEquals(200, harness.get("/?keyword=paypal").status(), "the page with a filter in its address");
    }

    @Test
    void metricsShowCertificatesClientsAndVertxFigures() {
        harness.publish(TestEnvelopes.of(LOG_A, 1, EntryType.X509));
        harness.publish(TestEnvelopes.of(LOG_A, 2, EntryType.PRECERT));
        harness.publish(TestEnvelopes.of(LOG_A, 3, EntryType.PRECERT));
        harness.connect("/domains-only");
        waitUntil("the certificates are counted", () -> harness.get("/metrics").body().toString()
                .contains("certstream_certificates_total{log=\"" + LOG_A + "\",type=\"PrecertLogEntry\"} 2.0"));
        GatewayHarness.Reply metrics = harness.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.headers().get("Content-Type").startsWith("text/plain"));
        String text = metrics.body().toString();
        assertTrue(text.contains("certstream_certificates_total{log=\"" + LOG_A + "\",type=\"X509LogEntry\"} 1.0"), text);
        assertTrue(text.contains("certstream_clients{stream=\"domains\"} 1.0"), text);
        assertTrue(text.contains("certstream_clients{stream=\"lite\"} 0.0"), text);
        assertTrue(text.contains("certstream_dropped_messages_total{stream=\"lite\"} 0.0"), text);
        assertTrue(text.contains("vertx_http_server_requests_total"), "HTTP figures from vertx-micrometer");
        assertTrue(text.contains("vertx_eventbus_published_total"), "event-bus figures from vertx-micrometer");
        assertFalse(text.contains("certstream_certificates_total{log=\"" + LOG_A + "\",type=\"X509LogEntry\"} 2.0"),
                "counted once although two instances receive every certificate");
    }

    @Test
    void aSlowBrokerTimesOutInto503() {
        harness.close();
        GatewayConfig quick = GatewayHarness.config();
        quick = quick.toBuilder().port(0).instances(1).brokerTimeout(Duration.ofMillis(300)).build();
        harness = GatewayHarness.start(quick, false);
        // A "broker" that never answers: the request must end in a 503, not hang.
        harness.vertx.eventBus().consumer(dev.certstream.contract.BusAddresses.BROKER_LATEST, message -> { });
        GatewayHarness.Reply reply = harness.get("/latest.json");
        assertEquals(503, reply.status());
        assertTrue(reply.json().getString("error").startsWith("broker unavailable"));
    }

    /**
     * With no broker answering, each route serves its last answer while it is recent (with its age), then
     * 503; one instance, so every request meets the same recent answers.
     */
    @Test
    void aRecentAnswerStandsInWhileNoBrokerAnswersThen503() throws Exception {
        harness.close();
        harness = GatewayHarness.start(GatewayHarness.config().toBuilder().instances(1)
                .brokerFallbackAge(Duration.ofSeconds(2)).build(), true);
        harness.publish(TestEnvelopes.of(LOG_A, 7, EntryType.X509));
        String[] paths = {"/latest.json", "/example.json", "/full-stream/example.json", "/stats", "/ready"};
        java.util.Map<String, String> fresh = new java.util.HashMap<>();
        for (String path : paths) {
            GatewayHarness.Reply reply = eventuallyOk(path);
            assertNull(reply.headers().get("Age"), path + " fresh: no Age");
            fresh.put(path, reply.body().toString());
        }
        assertFalse(new JsonObject(fresh.get("/stats")).containsKey("broker_answer_age_ms"));

        harness.stopBroker();
        for (String path : new String[] {"/latest.json", "/example.json", "/full-stream/example.json"}) {
            GatewayHarness.Reply reply = harness.get(path);
            assertEquals(200, reply.status(), path);
            assertEquals(fresh.get(path), reply.body().toString(), path + " serves the broker's last answer");
            assertNotNull(reply.headers().get("Age"), path + " says how old it is");
        }
        GatewayHarness.Reply stats = harness.get("/stats");
        assertEquals(200, stats.status());
        assertEquals(1, stats.json().getLong("processed_certificates"));
        assertTrue(stats.json().getLong("broker_answer_age_ms") > 0);
        assertEquals(200, harness.get("/ready").status(), "a broker answered recently");
        assertEquals(503, harness.get("/domains-only/example.json").status(), "never answered: nothing stands in");

        for (String path : paths) {
            GatewayHarness.waitUntil(path + " answering 503 once the last answer is older than the fallback age",
                    () -> harness.get(path).status() == 503);
        }
    }

    private GatewayHarness.Reply eventuallyOk(String path) {
        java.util.concurrent.atomic.AtomicReference<GatewayHarness.Reply> ok = new java.util.concurrent.atomic.AtomicReference<>();
        GatewayHarness.waitUntil(path + " answering 200", () -> {
            ok.set(harness.get(path));
            return ok.get().status() == 200;
        });
        return ok.get();
    }
}
