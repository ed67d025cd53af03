package dev.certstream.contract;

import io.vertx.core.json.JsonObject;

/**
 * How one watcher uses the request budget of one log operator (shared by all the operator's logs it
 * follows), reported with each of those logs' {@link LogStatus}.
 *
 * @param rate            the budget in requests per second, or null when there is none
 * @param used            requests of the last second over the budget (1.0 = all of it), or null without one
 * @param requests        requests sent to the operator's logs so far
 * @param waiting         requests waiting for the budget now
 * @param waitedMs        time requests spent waiting for the budget or a Retry-After, summed
 * @param heldMs          time the operator's Retry-After answers held every request to it
 * @param tooManyRequests 429 answers the operator sent
 */
public record OperatorBudgetStatus(Integer rate, Double used, long requests, int waiting, long waitedMs, long heldMs,
                                   long tooManyRequests) {

    public JsonObject toJson() {
        return new JsonObject().put("rate", rate).put("used", used).put("requests", requests).put("waiting", waiting)
                .put("waited_ms", waitedMs).put("held_ms", heldMs).put("too_many_requests", tooManyRequests);
    }

    /** The status in {@code json}, or null when it is null (a watcher that reports none). */
    public static OperatorBudgetStatus fromJson(JsonObject json) {
        if (json == null) {
            return null;
        }
        return new OperatorBudgetStatus(json.getInteger("rate"), json.getDouble("used"), json.getLong("requests", 0L),
                json.getInteger("waiting", 0), json.getLong("waited_ms", 0L), json.getLong("held_ms", 0L),
                json.getLong("too_many_requests", 0L));
    }
}
