package dev.certstream.watcher.ct;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Google's CT log list v3 ({@code operators[].logs[]} and {@code operators[].tiled_logs[]}) into the
 * logs to follow. A list that is not a JSON object with an {@code operators} array is refused; inside it,
 * every odd entry (missing arrays, missing state, bad URL, bogus example hosts) is skipped with a reason.
 */
public final class LogListParser {

    private static final Set<String> FOLLOWED = Set.of("qualified", "usable", "readonly");

    private final boolean includePending;

    public LogListParser(boolean includePending) {
        this.includePending = includePending;
    }

    /** @throws LogListException when the document is not a log list at all */
    public LogList parse(Buffer document) {
        JsonObject root;
        try {
            Object parsed = document.toJsonValue();
            if (!(parsed instanceof JsonObject object)) {
                throw new LogListException("the log list is not a JSON object");
            }
            root = object;
        } catch (DecodeException | IllegalStateException e) {
            throw new LogListException("the log list is not JSON: " + e.getMessage());
        }
        if (!(root.getValue("operators") instanceof JsonArray operators)) {
            throw new LogListException("the log list has no operators array");
        }
        Set<LogSource> logs = new LinkedHashSet<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < operators.size(); i++) {
            if (!(operators.getValue(i) instanceof JsonObject operator)) {
                skipped.add("operators[" + i + "]: not an object");
                continue;
            }
            String operatorName = operator.getValue("name") instanceof String s ? s : "unknown operator";
            readArray(operator, "logs", LogType.RFC6962, operatorName, logs, skipped);
            readArray(operator, "tiled_logs", LogType.STATIC_CT, operatorName, logs, skipped);
        }
        return new LogList(new ArrayList<>(logs), skipped);
    }

    private void readArray(JsonObject operator, String field, LogType type, String operatorName,
                           Set<LogSource> logs, List<String> skipped) {
        Object value = operator.getValue(field);
        if (value == null) {
            return;
        }
        if (!(value instanceof JsonArray array)) {
            skipped.add(operatorName + " " + field + ": not an array");
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            String where = operatorName + " " + field + "[" + i + "]";
            if (!(array.getValue(i) instanceof JsonObject entry)) {
                skipped.add(where + ": not an object");
                continue;
            }
            String reason = readLog(entry, type, operatorName, logs);
            if (reason != null) {
                String url = entry.getValue(type == LogType.RFC6962 ? "url" : "monitoring_url") instanceof String s ? s : where;
                skipped.add(url + ": " + reason);
            }
        }
    }

    /** Adds the log and returns null, or returns why it is skipped. */
    private String readLog(JsonObject entry, LogType type, String operatorName, Set<LogSource> logs) {
        String state = state(entry);
        if (state == null) {
            return "no state";
        }
        if (!FOLLOWED.contains(state) && !(includePending && "pending".equals(state))) {
            return "state " + state;
        }
        String urlField = type == LogType.RFC6962 ? "url" : "monitoring_url";
        String url = entry.getValue(urlField) instanceof String s ? s : null;
        String problem = urlProblem(url);
        if (problem != null) {
            return urlField + " " + problem;
        }
        String submission = null;
        if (type == LogType.STATIC_CT) {
            submission = entry.getValue("submission_url") instanceof String s && urlProblem(s) == null ? s : url;
        }
        String description = entry.getValue("description") instanceof String s ? s : url;
        LogSource source = new LogSource(url, description, operatorName, type, submission, key(entry), state);
        if (!logs.add(source)) {
            return "listed twice";
        }
        return null;
    }

    private static String state(JsonObject entry) {
        if (!(entry.getValue("state") instanceof JsonObject state) || state.isEmpty()) {
            return null;
        }
        return state.fieldNames().iterator().next().toLowerCase(Locale.ROOT);
    }

    private static byte[] key(JsonObject entry) {
        if (!(entry.getValue("key") instanceof String key)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Null for a usable absolute http(s) URL, else what is wrong with it. */
    static String urlProblem(String url) {
        if (url == null) {
            return "missing";
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return "is not an absolute http(s) URL";
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        // RFC 2606 names: the real list has carried "ct.example.com" placeholders that lead nowhere.
        if (host.equals("example.com") || host.endsWith(".example.com") || host.endsWith(".example")
                || host.endsWith(".invalid") || host.equals("example.org") || host.endsWith(".example.org")
                || host.equals("example.net") || host.endsWith(".example.net")) {
            return "is a placeholder host";
        }
        return null;
    }
}
