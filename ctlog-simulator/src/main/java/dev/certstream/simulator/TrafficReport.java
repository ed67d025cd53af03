package dev.certstream.simulator;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * What clients did to the simulator since it started (or since {@code resetTraffic()}): requests and
 * their peak rate per log and per operator, bytes served, Range requests, partial tiles fetched more
 * than once for the same checkpoint, 429s sent and requests that came back before their Retry-After,
 * and the User-Agents seen. Served as JSON at {@code GET /_stats}.
 *
 * @param requests          every request but {@code /_stats}
 * @param otherRequests     requests not for a log: the log list, extra JSON, unknown paths
 * @param logs              per log name
 * @param operators         per operator name
 * @param userAgents        requests per User-Agent ("" when absent), the first {@value TrafficAccount#MAX_USER_AGENTS}
 * @param otherUserAgents   requests with a User-Agent beyond those
 */
public record TrafficReport(long requests, long otherRequests, Map<String, LogTraffic> logs,
                            Map<String, OperatorTraffic> operators, Map<String, Long> userAgents, long otherUserAgents) {

    /**
     * One log's traffic.
     *
     * @param maxRequestsPerSecond most requests in any sliding one-second window
     * @param rangeRequests        requests that carried a Range header
     * @param partialContent       206 answers sent
     * @param partialTileFetches   partial data tiles served (200 or 206)
     * @param partialTileRepeats   of those, fetches of a (tile, width) already fetched while the same
     *                             checkpoint was current: a polite client never makes one
     * @param repeatedPartialTiles up to {@value TrafficAccount#MAX_LISTED_REPEATS} repeated fetches as
     *                             {@code "<tile>.p/<width>@<checkpoint size>"} -> times fetched
     * @param tooManyRequests      429s sent (injected faults and operator throttling)
     * @param earlyRetries         requests that arrived after a 429 (plus a grace for requests already in
     *                             flight) but before its Retry-After had elapsed
     * @param hugePages            huge bodies streamed (the huge-pages fault)
     */
    public record LogTraffic(String operator, long requests, int maxRequestsPerSecond, long bytesServed,
                             long rangeRequests, long partialContent, long partialTileFetches, long partialTileRepeats,
                             Map<String, Integer> repeatedPartialTiles, long tooManyRequests, long earlyRetries,
                             long hugePages) {

        JsonObject toJson() {
            return new JsonObject().put("operator", operator).put("requests", requests)
                    .put("max_requests_per_second", maxRequestsPerSecond).put("bytes_served", bytesServed)
                    .put("range_requests", rangeRequests).put("partial_content", partialContent)
                    .put("partial_tile_fetches", partialTileFetches).put("partial_tile_repeats", partialTileRepeats)
                    .put("repeated_partial_tiles", new JsonObject(Map.copyOf(repeatedPartialTiles)))
                    .put("too_many_requests", tooManyRequests).put("early_retries", earlyRetries)
                    .put("huge_pages", hugePages);
        }
    }

    /**
     * One operator's traffic over all its logs.
     *
     * @param throttled    429s sent because the operator's request limit was reached
     * @param earlyRetries requests to any of its logs before an operator-wide Retry-After had elapsed
     */
    public record OperatorTraffic(long requests, int maxRequestsPerSecond, long throttled, long earlyRetries) {

        JsonObject toJson() {
            return new JsonObject().put("requests", requests).put("max_requests_per_second", maxRequestsPerSecond)
                    .put("throttled", throttled).put("early_retries", earlyRetries);
        }
    }

    /** Partial tiles fetched again for a checkpoint they had already been fetched for, over all logs. */
    public long partialTileRepeats() {
        return logs.values().stream().mapToLong(LogTraffic::partialTileRepeats).sum();
    }

    /** Requests that came before a Retry-After had elapsed, over all logs. */
    public long earlyRetries() {
        return logs.values().stream().mapToLong(LogTraffic::earlyRetries).sum();
    }

    /** 429s sent, over all logs. */
    public long tooManyRequests() {
        return logs.values().stream().mapToLong(LogTraffic::tooManyRequests).sum();
    }

    /** Range requests seen, over all logs. */
    public long rangeRequests() {
        return logs.values().stream().mapToLong(LogTraffic::rangeRequests).sum();
    }

    public JsonObject toJson() {
        JsonObject perLog = new JsonObject();
        logs.forEach((name, log) -> perLog.put(name, log.toJson()));
        JsonObject perOperator = new JsonObject();
        operators.forEach((name, operator) -> perOperator.put(name, operator.toJson()));
        JsonObject agents = new JsonObject();
        userAgents.forEach(agents::put);
        return new JsonObject().put("requests", requests).put("other_requests", otherRequests)
                .put("partial_tile_repeats", partialTileRepeats()).put("early_retries", earlyRetries())
                .put("too_many_requests", tooManyRequests()).put("range_requests", rangeRequests())
                .put("user_agents", agents).put("other_user_agents", otherUserAgents)
                .put("operators", perOperator).put("logs", perLog);
    }
}
