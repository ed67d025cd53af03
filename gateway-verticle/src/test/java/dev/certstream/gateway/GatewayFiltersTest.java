package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static dev.certstream.gateway.TestEnvelopes.LOG_A;
import static dev.certstream.gateway.TestEnvelopes.LOG_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filtered websocket clients against real sockets: exact slices, shared filters, refusals before the upgrade, figures. */
class GatewayFiltersTest {

    private GatewayHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private FrameRecorder client(String path) {
        return harness.record(path);
    }

    /** A mix where each filter below matches some certificates and misses others, over two logs. */
    static List<CertificateEnvelope> certificates() {
        List<CertificateEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String log = i % 2 == 0 ? LOG_A : LOG_B;
            EntryType type = i % 3 == 0 ? EntryType.PRECERT : EntryType.X509;
            String issuer = i % 4 == 0 ? "R11" : "E5";
            String domain = switch (i % 5) {
                case 0 -> "login.paypal-secure" + i + ".com";
                case 1 -> "shop" + i + ".example.org";
                case 2 -> "example.org";
                case 3 -> "WWW.Bank" + i + ".io";
                default -> "host" + i + ".net";
            };
            sent.add(TestEnvelopes.withFacts(log, i, type, i % 2 == 0 ? "Example" : "Other", "Let's Encrypt", issuer,
                    domain, "alt" + i + ".test"));
        }
        return sent;
    }

    static String query(String... nameValues) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            q.append(q.isEmpty() ? "?" : "&").append(nameValues[i]).append('=')
                    .append(URLEncoder.encode(nameValues[i + 1], StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    record Case(String path, StreamKind kind, Predicate<CertificateEnvelope> expected) {
    }

    static List<Case> cases() {
        return List.of(
                new Case("/" + query("keyword", "paypal"), StreamKind.LITE, c -> c.facts().domains().get(0).contains("paypal")),
                new Case("/full-stream" + query("domain", "*.example.org"), StreamKind.FULL,
                        c -> c.facts().domains().get(0).endsWith(".example.org")),
                new Case("/domains-only" + query("domain", "example.org,host7.net"), StreamKind.DOMAINS,
                        c -> List.of("example.org", "host7.net").contains(c.facts().domains().get(0))),
                new Case("/" + query("regex", "^www\\.bank[0-9]+\\.io$"), StreamKind.LITE,
                        c -> c.facts().domains().get(0).startsWith("WWW.")),
                new Case("/full-stream" + query("type", "precert", "issuer", "r11"), StreamKind.FULL,
                        c -> c.entryType() == EntryType.PRECERT && "R11".equals(c.facts().issuerCommonName())),
                new Case("/domains-only" + query("log", LOG_B, "keyword", "example,bank"), StreamKind.DOMAINS,
                        c -> c.logUrl().equals(LOG_B) && (c.facts().domains().get(0).contains("example")
                                || c.facts().domains().get(0).toLowerCase().contains("bank"))),
                new Case("/" + query("log", "example"), StreamKind.LITE, c -> c.facts().logOperator().equals("Example")));
    }

    @Test
    void eachFilteredClientGetsExactlyItsSliceByteForByteInOrder() {
        harness = GatewayHarness.start(GatewayHarness.config(), true);
        List<Case> cases = cases();
        List<FrameRecorder> filtered = new ArrayList<>();
        for (Case c : cases) {
            filtered.add(client(c.path()));
            filtered.add(client(c.path())); // a second client of the same filter, likely on the other instance
        }
        FrameRecorder everything = client("/");
        FrameRecorder sameInOtherWords = client("/" + query("keyword", "PayPal,paypal"));
        waitUntil("all clients registered", () -> harness.gateway.clients() == filtered.size() + 2);
        assertEquals(cases.size(), harness.get("/stats").json().getJsonObject("filters").getInteger("distinct"),
                "clients with the same filter share it, whatever its spelling");

        List<CertificateEnvelope> sent = certificates();
        sent.forEach(harness::publish);
        waitUntil("the unfiltered client got everything", () -> everything.certificates().size() == sent.size());
        for (int i = 0; i < filtered.size(); i++) {
            Case c = cases.get(i / 2);
            List<Buffer> expected = sent.stream().filter(c.expected()).map(e -> e.rendering(c.kind())).toList();
            assertTrue(expected.size() > 0 && expected.size() < sent.size(), c.path() + " selects a real slice");
            FrameRecorder client = filtered.get(i);
            waitUntil(c.path() + " got its " + expected.size(), () -> client.certificates().size() >= expected.size());
            assertEquals(expected, client.certificates(), c.path());
        }
        assertEquals(sent.stream().filter(cases.get(0).expected()).map(CertificateEnvelope::lite).toList(),
                sameInOtherWords.certificates());
        JsonObject filters = harness.get("/stats").json().getJsonObject("filters");
        assertEquals(15, filters.getJsonObject("filtered_clients").getInteger("lite")
                + filters.getJsonObject("filtered_clients").getInteger("full")
                + filters.getJsonObject("filtered_clients").getInteger("domains"));
        assertTrue(filters.getJsonObject("sent_messages").getLong("lite") > 0);
        assertTrue(filters.getJsonObject("matched_certificates").getLong("full") > 0);
        String metrics = harness.get("/metrics").body().toString();
        assertTrue(metrics.contains("certstream_filters " + cases.size() + ".0"), "distinct filters in /metrics");
        assertTrue(metrics.contains("certstream_filter_sent_total{stream=\"domains\"}"));
    }

    @Test
    void aBadFilterIs400WithItsReasonBeforeAnyUpgrade() {
        harness = GatewayHarness.start(GatewayHarness.config(), true);
        for (String path : List.of("/?domian=x.com", "/full-stream?regex=(unclosed", "/domains-only?domain=",
                "/?type=cat", "/?keyword=" + "x".repeat(300))) {
            AssertionError refused = assertThrows(AssertionError.class, () -> harness.connect(path));
            Throwable cause = refused.getCause();
            while (!(cause instanceof UpgradeRejectedException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            UpgradeRejectedException rejection = assertInstanceOf(UpgradeRejectedException.class, cause);
            assertEquals(400, rejection.getStatus(), path);
            JsonObject body = new JsonObject(rejection.getBody());
            assertTrue(body.getString("error").startsWith("bad filter: "), body.encode());
        }
        assertEquals(0, harness.gateway.clients());
        Buffer body = GatewayHarness.await(harness.http.request(new RequestOptions().setMethod(HttpMethod.GET)
                        .setURI("/?regex=%28a").putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade")
                        .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").putHeader("Sec-WebSocket-Version", "13"))
                .compose(req -> req.send().compose(resp -> resp.body())));
        assertTrue(body.toString().contains("not a valid RE2 regular expression: missing closing )"), body.toString());
    }

    @Test
    void theCheckRouteGivesTheCanonicalFormOrTheSame400() {
        harness = GatewayHarness.start(GatewayHarness.config(), true);
        GatewayHarness.Reply ok = harness.get("/filter?domain=B.com,*.A.com&type=PrecertLogEntry&stream=full");
        assertEquals(200, ok.status());
        assertEquals("domain=b.com&domain=*.a.com&type=precert", ok.json().getString("filter"));
        assertEquals("*", ok.headers().get("Access-Control-Allow-Origin"));
        GatewayHarness.Reply bad = harness.get("/filter?regex=a%7B1001%7D");
        assertEquals(400, bad.status());
        assertTrue(bad.json().getString("error").contains("invalid repeat count"), bad.json().encode());
    }
}
