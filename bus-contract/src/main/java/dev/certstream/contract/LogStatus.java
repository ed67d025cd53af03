package dev.certstream.contract;

import io.vertx.core.json.JsonObject;

/**
 * What a watcher reports about one log on {@link BusAddresses#LOG_STATUS}; the broker serves it in
 * {@code /stats}.
 *
 * @param url              the log's URL as in the log list
 * @param name             the log's description
 * @param operator         the operator's name
 * @param type             {@code rfc6962} or {@code static-ct}
 * @param treeSize         the latest tree size the watcher saw, or -1 before the first
 * @param nextIndex        the next index the watcher will publish
 * @param state            what the watcher is doing with the log (a lowercase word in the JSON), null if not said
 * @param lastError        the latest error, or null
 * @param watcher          which watcher follows it (a node id)
 * @param bytesFetched     bytes this watcher received from the log since it began following it (bodies as
 *                         they crossed the network: heads, entries, tiles, issuers)
 * @param entriesPublished entries this watcher published from the log since then
 * @param operatorBudget   how this watcher uses the budget of the log's operator, or null when not reported
 * @param verification     how far its entries were checked against its signed tree, or null when not said
 */
public record LogStatus(String url, String name, String operator, String type, long treeSize,
                        long nextIndex, LogState state, String lastError, String watcher, long bytesFetched,
                        long entriesPublished, OperatorBudgetStatus operatorBudget, LogVerification verification) {

    /** A status without the fetch cost, the operator budget and verification (reported as 0 and null). */
    public LogStatus(String url, String name, String operator, String type, long treeSize, long nextIndex,
                     LogState state, String lastError, String watcher) {
        this(url, name, operator, type, treeSize, nextIndex, state, lastError, watcher, 0, 0, null, null);
    }

    /** A status that says nothing about verification. */
    public LogStatus(String url, String name, String operator, String type, long treeSize, long nextIndex,
                     LogState state, String lastError, String watcher, long bytesFetched, long entriesPublished,
                     OperatorBudgetStatus operatorBudget) {
        this(url, name, operator, type, treeSize, nextIndex, state, lastError, watcher, bytesFetched, entriesPublished,
                operatorBudget, null);
    }

    /** A status with verification but without the fetch cost and the operator budget. */
    public LogStatus(String url, String name, String operator, String type, long treeSize, long nextIndex,
                     LogState state, String lastError, String watcher, LogVerification verification) {
        this(url, name, operator, type, treeSize, nextIndex, state, lastError, watcher, 0, 0, null, verification);
    }

    /** Bytes received per entry published, or null before the first entry. */
    public Double bytesPerEntry() {
        return entriesPublished == 0 ? null : Math.round(bytesFetched * 10.0 / entriesPublished) / 10.0;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("url", url).put("name", name).put("operator", operator).put("type", type)
                .put("tree_size", treeSize).put("next_index", nextIndex).put("state", state == null ? null : state.wireName())
                .put("last_error", lastError).put("watcher", watcher)
                .put("bytes_fetched", bytesFetched).put("entries_published", entriesPublished)
                .put("operator_budget", operatorBudget == null ? null : operatorBudget.toJson());
        return verification == null ? json : verification.addTo(json);
    }

    public static LogStatus fromJson(JsonObject json) {
        return new LogStatus(json.getString("url"), json.getString("name"), json.getString("operator"),
                json.getString("type"), json.getLong("tree_size", -1L), json.getLong("next_index", 0L),
                LogState.fromWire(json.getString("state")), json.getString("last_error"), json.getString("watcher"),
                json.getLong("bytes_fetched", 0L), json.getLong("entries_published", 0L),
                OperatorBudgetStatus.fromJson(json.getJsonObject("operator_budget")), LogVerification.fromJson(json));
    }
}
