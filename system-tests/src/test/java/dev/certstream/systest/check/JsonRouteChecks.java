package dev.certstream.systest.check;

import dev.certstream.systest.client.Http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON routes of the wire contract, checked over real HTTP: shapes, status codes and headers. */
public final class JsonRouteChecks {

    private static final List<String> LOG_KEYS = List.of("name", "operator", "type", "processed", "tree_size",
            "next_index", "state", "last_error");

    private JsonRouteChecks() {
    }

    /** A server that has processed certificates from the demo's four logs. */
    public static void assertLiveRoutes(String base) {
        for (String slash : List.of("", "/")) {
            JsonNode latest = json(base + "/latest.json" + slash, 200);
            JsonNode messages = latest.get("messages");
            assertTrue(messages != null && messages.isArray() && !messages.isEmpty() && messages.size() <= 25,
                    "/latest.json messages: " + latest);
            messages.forEach(Shapes::assertLiteUpdate);

            assertExample(base + "/example.json" + slash, Shapes::assertLiteUpdate);
            assertExample(base + "/full-stream/example.json" + slash, Shapes::assertFullUpdate);
            assertExample(base + "/domains-only/example.json" + slash, Shapes::assertDnsEntries);

            JsonNode stats = json(base + "/stats" + slash, 200);
            assertTrue(stats.path("processed_certificates").isIntegralNumber()
                    && stats.get("processed_certificates").asLong() > 0, "/stats processed_certificates: " + stats);
            assertTrue(stats.path("current_users").isIntegralNumber(), "/stats current_users: " + stats);
            JsonNode logs = stats.get("logs");
            assertEquals(4, logs.size(), "/stats logs: " + logs);
            logs.fields().forEachRemaining(log -> {
                assertTrue(log.getKey().startsWith("http://127.0.0.1:"), "log url " + log.getKey());
                JsonNode value = log.getValue();
                LOG_KEYS.forEach(key -> assertTrue(value.has(key), "/stats log without " + key + ": " + log));
                assertTrue(value.get("name").isTextual() && value.get("operator").isTextual()
                        && value.get("state").isTextual(), "/stats log texts: " + log);
                assertTrue(List.of("rfc6962", "static-ct").contains(value.get("type").asText()), "/stats log type: " + log);
                assertTrue(value.get("processed").isIntegralNumber() && value.get("tree_size").isIntegralNumber()
                        && value.get("next_index").isIntegralNumber(), "/stats log numbers: " + log);
            });

            assertEquals("ok", json(base + "/health" + slash, 200).path("status").asText());
            assertEquals("ready", json(base + "/ready" + slash, 200).path("status").asText());

            Http.Answer metrics = Http.get(base + "/metrics" + slash);
            assertEquals(200, metrics.status());
            assertTrue(metrics.header("Content-Type").orElse("").startsWith("text/plain"), "metrics type " + metrics.headers());
            assertEquals("*", metrics.header("Access-Control-Allow-Origin").orElse(null), "metrics CORS");
            assertTrue(metrics.body().contains("# TYPE certstream_certificates_total counter"), "metrics body:\n" + metrics.body());
        }
    }

    /** A server with no logs: the examples have nothing to show yet. */
    public static void assertQuietRoutes(String base) {
        for (String route : List.of("/example.json", "/full-stream/example.json", "/domains-only/example.json")) {
            JsonNode error = json(base + route, 503);
            assertTrue(error.path("error").isTextual(), route + " error body: " + error);
        }
        assertEquals(0, json(base + "/latest.json", 200).path("messages").size(), "/latest.json on a quiet server");
        JsonNode stats = json(base + "/stats", 200);
        assertEquals(0, stats.path("processed_certificates").asLong(), "processed on a quiet server: " + stats);
        assertEquals(0, stats.path("logs").size(), "logs on a quiet server: " + stats);
    }

    private static void assertExample(String url, Consumer<JsonNode> shape) {
        shape.accept(json(url, 200));
    }

    /** GETs a JSON route, checks status and the headers every JSON route sends, returns the body. */
    public static JsonNode json(String url, int status) {
        Http.Answer answer = Http.get(url);
        assertEquals(status, answer.status(), url + " answered " + answer.status() + ": " + answer.body());
        assertTrue(answer.header("Content-Type").orElse("").startsWith("application/json"),
                url + " Content-Type: " + answer.headers().map());
        assertEquals("*", answer.header("Access-Control-Allow-Origin").orElse(null), url + " CORS header");
        return answer.json();
    }
}
