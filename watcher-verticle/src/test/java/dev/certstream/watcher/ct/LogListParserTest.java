package dev.certstream.watcher.ct;

import dev.certstream.testing.TestData;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogListParserTest {

    private static JsonObject log(String url, String state) {
        JsonObject log = new JsonObject().put("description", "log " + url).put("url", url)
                .put("key", "AAEC").put("log_id", "x");
        if (state != null) {
            log.put("state", new JsonObject().put(state, new JsonObject().put("timestamp", "2026-01-01T00:00:00Z")));
        }
        return log;
    }

    private static JsonObject tiled(String monitoring, String submission, String state) {
        JsonObject log = log(monitoring, state);
        log.remove("url");
        log.put("monitoring_url", monitoring).put("submission_url", submission);
        return log;
    }

    private static Buffer list(JsonObject... operators) {
        return new JsonObject().put("operators", new JsonArray(List.of((Object[]) operators))).toBuffer();
    }

    @Test
    void followsQualifiedUsableReadonlyOfBothKindsAndSkipsTheRest() {
        Buffer doc = list(
                new JsonObject().put("name", "A").put("logs", new JsonArray()
                        .add(log("https://a.test/q/", "qualified"))
                        .add(log("https://a.test/u/", "usable"))
                        .add(log("https://a.test/ro/", "readonly"))
                        .add(log("https://a.test/ret/", "retired"))
                        .add(log("https://a.test/rej/", "rejected"))
                        .add(log("https://a.test/pend/", "pending")))
                        .put("tiled_logs", new JsonArray()
                        .add(tiled("https://mon.a.test/t1/", "https://sub.a.test/t1/", "usable"))
                        .add(tiled("https://mon.a.test/t2/", "https://sub.a.test/t2/", "retired"))));
        LogList parsed = new LogListParser(false).parse(doc);
        Map<String, LogSource> byUrl = parsed.logs().stream().collect(Collectors.toMap(LogSource::url, l -> l));
        assertEquals(List.of("https://a.test/q/", "https://a.test/u/", "https://a.test/ro/", "https://mon.a.test/t1/"),
                parsed.logs().stream().map(LogSource::url).toList());
        LogSource tiled = byUrl.get("https://mon.a.test/t1/");
        assertEquals(LogType.STATIC_CT, tiled.type());
        assertEquals("https://sub.a.test/t1/", tiled.submissionUrl());
        assertEquals("A", tiled.operator());
        assertArrayEquals(new byte[]{0, 1, 2}, tiled.publicKeyDer());
        assertEquals(4, parsed.skipped().size(), parsed.skipped().toString());

        LogList withPending = new LogListParser(true).parse(doc);
        assertTrue(withPending.logs().stream().anyMatch(l -> l.url().equals("https://a.test/pend/")));
    }

    @Test
    void survivesMissingArraysStatesAndBogusEntries() {
        JsonObject noState = log("https://b.test/nostate/", null);
        JsonObject badUrl = log("not a url", "usable");
        JsonObject placeholder = log("https://ct.example.com/bogus/", "usable");
        JsonObject relative = log("/relative/", "usable");
        JsonObject badKey = log("https://b.test/badkey/", "usable").put("key", "%%%");
        JsonObject tiledNoSubmission = tiled("https://mon.b.test/t/", null, "usable");
        tiledNoSubmission.remove("submission_url");
        Buffer doc = list(
                new JsonObject().put("name", "only tiled").put("tiled_logs", new JsonArray().add(tiledNoSubmission)),
                new JsonObject().put("name", "nothing"),
                new JsonObject().put("name", "odd").put("logs", "not an array").put("tiled_logs", new JsonArray().add(42)),
                new JsonObject().put("logs", new JsonArray().add(noState).add(badUrl).add(placeholder).add(relative)
                        .add(badKey).add(log("https://b.test/badkey/", "usable"))
                        .add(new JsonObject().put("state", new JsonObject()))));
        LogList parsed = new LogListParser(false).parse(doc);
        assertEquals(List.of("https://mon.b.test/t/", "https://b.test/badkey/"),
                parsed.logs().stream().map(LogSource::url).toList());
        assertEquals("https://mon.b.test/t/", parsed.logs().get(0).submissionUrl(), "submission defaults to monitoring");
        assertNull(parsed.logs().get(1).publicKeyDer(), "an unreadable key is dropped, the log kept");
        assertEquals("unknown operator", parsed.logs().get(1).operator());
        assertTrue(parsed.skipped().stream().anyMatch(s -> s.contains("no state")));
        assertTrue(parsed.skipped().stream().anyMatch(s -> s.contains("placeholder")));
        assertTrue(parsed.skipped().stream().anyMatch(s -> s.contains("listed twice")));
        assertTrue(parsed.skipped().stream().anyMatch(s -> s.contains("not an array")));
    }

    @Test
    void refusesADocumentThatIsNotALogList() {
        LogListParser parser = new LogListParser(false);
        assertThrows(LogListException.class, () -> parser.parse(Buffer.buffer("{\"operators\": [")));
        assertThrows(LogListException.class, () -> parser.parse(Buffer.buffer("[1,2]")));
        assertThrows(LogListException.class, () -> parser.parse(Buffer.buffer("{\"logs\": []}")));
        assertThrows(LogListException.class, () -> parser.parse(Buffer.buffer("")));
    }

    @Test
    void readsTheReal2026ListAndTheBundledSnapshot() throws Exception {
        Buffer real = Buffer.buffer(Files.readAllBytes(TestData.path("loglist/google-all_logs_list.pki-data-2026-08-21.json")));
        LogList parsed = new LogListParser(false).parse(real);
        long rfc = parsed.logs().stream().filter(l -> l.type() == LogType.RFC6962).count();
        long tiled = parsed.logs().stream().filter(l -> l.type() == LogType.STATIC_CT).count();
        // Counted independently from the file: RFC 6962 usable 21 + readonly 2; tiled usable 16 + qualified 6.
        assertEquals(23, rfc);
        assertEquals(22, tiled);
        assertTrue(parsed.logs().stream().allMatch(l -> l.publicKeyDer() != null));
        assertTrue(parsed.logs().stream().noneMatch(l -> l.url().contains("example.com")));
        LogList bundled = new LogListParser(false).parse(LogListLoader.bundled());
        assertEquals(parsed.logs().size(), bundled.logs().size());
        assertNotNull(bundled.logs().get(0).name());
    }
}
