package dev.certstream.watcher.ct;

import dev.certstream.watcher.WatcherMetrics;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link OperatorBudget} per log operator, created when the first of its logs is followed. A log
 * without an operator (a custom log) shares the budget of its host. Used on the watcher's event loop only;
 * the operators are as many as the log list names (a few dozen).
 */
public final class OperatorBudgets {

    private final Vertx vertx;
    private final int rate;
    private final WatcherMetrics metrics;
    private final Map<String, OperatorBudget> budgets = new LinkedHashMap<>();

    /** @param rate requests per second per operator ({@code CERTSTREAM_OPERATOR_RATE}); 0 = unlimited */
    public OperatorBudgets(Vertx vertx, int rate, WatcherMetrics metrics) {
        this.vertx = vertx;
        this.rate = rate;
        this.metrics = metrics;
    }

    /** The budget the log's requests draw on. */
    public OperatorBudget of(LogSource log) {
        return budgets.computeIfAbsent(key(log), name -> new OperatorBudget(vertx, name, rate, metrics));
    }

    static String key(LogSource log) {
        if (!log.operator().isBlank()) {
            return log.operator();
        }
        String host = URI.create(log.url()).getHost();
        return host == null ? log.url() : host;
    }

    /** Each operator's {@link OperatorBudget#status()} as JSON, by name. */
    public JsonObject toJson() {
        JsonObject all = new JsonObject();
        budgets.forEach((name, budget) -> all.put(name, budget.status().toJson()));
        return all;
    }
}
