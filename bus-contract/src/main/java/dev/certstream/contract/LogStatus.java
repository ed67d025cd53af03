package dev.certstream.contract;

import io.vertx.core.json.JsonObject;

/**
 * What a watcher reports about one log on {@link BusAddresses#LOG_STATUS}; the broker serves it in
 * {@code /stats}.
 *
 * @param url       the log's URL as in the log list
 * @param name      the log's description
 * @param operator  the operator's name
 * @param type      {@code rfc6962} or {@code static-ct}
 * @param treeSize  the latest tree size the watcher saw, or -1 before the first
 * @param nextIndex the next index the watcher will publish
 * @param state     what the watcher is doing with the log (a lowercase word in the JSON), null if not said
 * @param lastError the latest error, or null
 * @param watcher   which watcher follows it (a node id)
 * @param verification how far its entries were checked against its signed tree, or null when not said
 */
public record LogStatus(String url, String name, String operator, String type, long treeSize,
                        long nextIndex, LogState state, String lastError, String watcher, LogVerification verification) {

    /** A status that says nothing about verification. */
    public LogStatus(String url, String name, String operator, String type, long treeSize, long nextIndex, LogState state,
                     String lastError, String watcher) {
        this(url, name, operator, type, treeSize, nextIndex, state, lastError, watcher, null);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("url", url).put("name", name).put("operator", operator).put("type", type)
                .put("tree_size", treeSize).put("next_index", nextIndex).put("state", state == null ? null : state.wireName())
                .put("last_error", lastError).put("watcher", watcher);
        return verification == null ? json : verification.addTo(json);
    }

    public static LogStatus fromJson(JsonObject json) {
        return new LogStatus(json.getString("url"), json.getString("name"), json.getString("operator"),
                json.getString("type"), json.getLong("tree_size", -1L), json.getLong("next_index", 0L),
                LogState.fromWire(json.getString("state")), json.getString("last_error"), json.getString("watcher"),
                LogVerification.fromJson(json));
    }
}
