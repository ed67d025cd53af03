package dev.certstream.simulator.log;

import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.SimTestSupport;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static dev.certstream.simulator.SimTestSupport.await;
import static dev.certstream.simulator.SimTestSupport.getJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The served log list against the v3 schema's required fields (read from the schema file itself),
 * with states settable per log and extra JSON paths.
 */
@ExtendWith(VertxExtension.class)
class LogListTest {

    @Test
    void logListHasEverySchemaRequiredField(Vertx vertx) throws Exception {
        CtLogSimulator simulator = SimTestSupport.start(vertx, SimTestSupport.quiet().rfc6962Logs(2).tiledLogs(2)
                .logState("tiled1", "pending").extraJson("/extra.json", "{\"hello\":1}").build());
        WebClient client = SimTestSupport.client(vertx);
        simulator.log("rfc1").setState("readonly");
        JsonObject list = getJson(client, simulator.logListUrl());
        JsonObject schema = new JsonObject(Files.readString(SimTestSupport.repoRoot()
                .resolve("testdata/loglist/google-log_list_schema.v3.pki-data.json")));
        JsonObject operatorSchema = schema.getJsonObject("properties").getJsonObject("operators").getJsonObject("items");
        JsonObject logSchema = schema.getJsonObject("definitions").getJsonObject("log");

        requireAll(list, schema.getJsonArray("required"), "list");
        List<String> urls = new ArrayList<>();
        for (Object o : list.getJsonArray("operators")) {
            JsonObject operator = (JsonObject) o;
            requireAll(operator, operatorSchema.getJsonArray("required"), "operator");
            assertFalse(operator.getJsonArray("email").isEmpty());
            for (String kind : List.of("logs", "tiled_logs")) {
                JsonArray extra = operatorSchema.getJsonObject("properties").getJsonObject(kind).getJsonObject("items")
                        .getJsonArray("allOf").getJsonObject(1).getJsonArray("required");
                for (Object l : operator.getJsonArray(kind)) {
                    JsonObject log = (JsonObject) l;
                    requireAll(log, logSchema.getJsonArray("required"), kind);
                    requireAll(log, extra, kind);
                    checkLog(log);
                    urls.add(log.getString(kind.equals("logs") ? "url" : "monitoring_url"));
                }
            }
        }
        assertEquals(simulator.logs().stream().map(SimulatedLog::url).toList(), urls);
        assertEquals(Set.of("usable"), stateOf(list, simulator.log("rfc0").url()).fieldNames());
        assertEquals(Set.of("pending"), stateOf(list, simulator.log("tiled1").url()).fieldNames());
        JsonObject readonly = stateOf(list, simulator.log("rfc1").url()).getJsonObject("readonly");
        assertEquals(600, readonly.getJsonObject("final_tree_head").getLong("tree_size"));
        assertEquals(44, readonly.getJsonObject("final_tree_head").getString("sha256_root_hash").length());

        simulator.log("tiled0").setState("retired");
        assertEquals(Set.of("retired"), stateOf(getJson(client, simulator.logListUrl()), simulator.log("tiled0").url()).fieldNames());
        assertThrows(IllegalArgumentException.class, () -> simulator.log("rfc0").setState("bogus"));
        assertEquals(1, getJson(client, simulator.baseUrl() + "/extra.json").getInteger("hello"));
        await(simulator.close());
    }

    private static void checkLog(JsonObject log) throws Exception {
        byte[] key = Base64.getDecoder().decode(log.getString("key"));
        assertEquals(44, log.getString("log_id").length());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(key), Base64.getDecoder().decode(log.getString("log_id")));
        assertTrue(log.getNumber("mmd").intValue() >= 1);
        JsonObject state = log.getJsonObject("state");
        assertEquals(1, state.size(), "exactly one state");
        String name = state.fieldNames().iterator().next();
        assertTrue(LogListBuilder.STATES.contains(name));
        Instant.parse(state.getJsonObject(name).getString("timestamp"));
        JsonObject interval = log.getJsonObject("temporal_interval");
        assertTrue(Instant.parse(interval.getString("start_inclusive")).isBefore(Instant.parse(interval.getString("end_exclusive"))));
        if (log.containsKey("submission_url")) {
            assertFalse(log.getString("submission_url").equals(log.getString("monitoring_url")));
            assertTrue(log.getString("monitoring_url").endsWith("/") && log.getString("submission_url").endsWith("/"));
        }
    }

    private static void requireAll(JsonObject object, JsonArray required, String what) {
        assertNotNull(required, "schema lists required fields of " + what);
        for (Object field : required) {
            assertTrue(object.containsKey((String) field), what + " lacks required '" + field + "': " + object);
        }
    }

    private static JsonObject stateOf(JsonObject list, String url) {
        for (Object o : list.getJsonArray("operators")) {
            for (String kind : List.of("logs", "tiled_logs")) {
                for (Object l : ((JsonObject) o).getJsonArray(kind)) {
                    JsonObject log = (JsonObject) l;
                    if (url.equals(log.getString("url")) || url.equals(log.getString("monitoring_url"))) {
                        return log.getJsonObject("state");
                    }
                }
            }
        }
        throw new AssertionError("not listed: " + url);
    }
}
