package dev.certstream.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a resuming test client got, read from its frames or events: certificate keys per log, gaps, last cursor. */
final class ResumeClient {

    private ResumeClient() {
    }

    /** The (log, index) key of a certificate message (certificate_update), or null for another type. */
    static String key(JsonObject message) {
        if (!"certificate_update".equals(message.getString("message_type"))) {
            return null;
        }
        JsonObject data = message.getJsonObject("data");
        return data.getJsonObject("source").getString("url") + data.getLong("cert_index");
    }

    /** Certificate keys in arrival order. */
    static List<String> keys(List<Buffer> messages) {
        List<String> keys = new ArrayList<>();
        for (Buffer b : messages) {
            String key = key(new JsonObject(b));
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The cursor to resume from: that of the last message carrying one (a certificate's field or a cursor message). */
    static String lastCursor(List<Buffer> messages) {
        String cursor = null;
        for (Buffer b : messages) {
            String c = new JsonObject(b).getString("cursor");
            cursor = c != null ? c : cursor;
        }
        return cursor;
    }

    static List<JsonObject> gaps(List<Buffer> messages) {
        return messages.stream().map(JsonObject::new).filter(m -> "gap".equals(m.getString("message_type")))
                .map(m -> m.getJsonObject("data")).toList();
    }

    /** Keys grouped by log (the URL prefix), in order: what "in order per log" compares. */
    static Map<String, List<String>> byLog(List<String> keys) {
        Map<String, List<String>> byLog = new TreeMap<>();
        for (String key : keys) {
            String log = key.substring(0, key.lastIndexOf('/') + 1);
            byLog.computeIfAbsent(log, k -> new ArrayList<>()).add(key);
        }
        return byLog;
    }
}
