package dev.certstream.broker;

import dev.certstream.contract.LogStatus;
import io.vertx.core.json.JsonObject;

/** What the broker knows about one log: the watcher's latest status and the certificates counted from it. */
final class LogTally {

    LogStatus status;
    long processed;
    /** The highest index counted, so a restored replica can seed its duplicate filter; -1 before any. */
    long highestIndex = -1;

    /**
     * The log's {@code /stats} entry; fields the watcher has not reported yet are null, and the verification
     * fields ({@code verified_size}, {@code rejected_heads}, {@code last_rejected_head}, {@code misbehaviour})
     * are there once a watcher reported them.
     */
    JsonObject toStatsJson() {
        LogStatus s = status;
        JsonObject json = new JsonObject()
                .put("name", s == null ? null : s.name())
                .put("operator", s == null ? null : s.operator())
                .put("type", s == null ? null : s.type())
                .put("processed", processed)
                .put("tree_size", s == null ? null : s.treeSize())
                .put("next_index", s == null ? null : s.nextIndex())
                .put("last_index", highestIndex < 0 ? null : highestIndex)
                .put("state", s == null || s.state() == null ? null : s.state().wireName())
                .put("last_error", s == null ? null : s.lastError())
                .put("bytes_per_entry", s == null ? null : s.bytesPerEntry())
                .put("bytes_fetched", s == null ? null : s.bytesFetched())
                .put("operator_budget", s == null || s.operatorBudget() == null ? null : s.operatorBudget().toJson());
        return s == null || s.verification() == null ? json : s.verification().addTo(json);
    }

    JsonObject snapshot() {
        return new JsonObject().put("status", status == null ? null : status.toJson())
                .put("processed", processed).put("highest_index", highestIndex);
    }

    static LogTally restore(JsonObject json) {
        LogTally tally = new LogTally();
        JsonObject status = json.getJsonObject("status");
        tally.status = status == null ? null : LogStatus.fromJson(status);
        tally.processed = json.getLong("processed", 0L);
        tally.highestIndex = json.getLong("highest_index", -1L);
        return tally;
    }
}
