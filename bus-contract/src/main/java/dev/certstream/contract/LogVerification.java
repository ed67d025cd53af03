package dev.certstream.contract;

import io.vertx.core.json.JsonObject;

/**
 * How far a watcher has checked one log against its signed tree, as {@link LogStatus} carries it.
 *
 * @param verifiedFrom  where the watcher's checked range begins: the index its Merkle fold was placed at
 *                      (from saved progress: where verification began); entries before it were not checked
 * @param verifiedSize  every entry in [verifiedFrom, verifiedSize) was checked against a signed head (its
 *                      root), or -1 while none is yet
 * @param rejectedHeads signed heads refused since the watcher began following the log (bad signatures)
 * @param lastRejected  the latest refused head and why, or null
 * @param misbehaviour  what the log did wrong, with its evidence, or null while it has not
 */
public record LogVerification(long verifiedFrom, long verifiedSize, long rejectedHeads, LogEvidence lastRejected,
                              LogEvidence misbehaviour) {

    /**
     * Adds {@code verified_from}, {@code verified_size}, {@code rejected_heads}, {@code last_rejected_head} and
     * {@code misbehaviour} to a log's JSON.
     */
    public JsonObject addTo(JsonObject json) {
        return json.put("verified_from", verifiedSize < 0 ? null : verifiedFrom)
                .put("verified_size", verifiedSize < 0 ? null : verifiedSize).put("rejected_heads", rejectedHeads)
                .put("last_rejected_head", lastRejected == null ? null : lastRejected.toJson())
                .put("misbehaviour", misbehaviour == null ? null : misbehaviour.toJson());
    }

    /** What a log's JSON says, or null when it says nothing about verification (an older watcher). */
    public static LogVerification fromJson(JsonObject json) {
        if (!json.containsKey("rejected_heads")) {
            return null;
        }
        return new LogVerification(JsonFields.longOr(json, "verified_from", 0),
                JsonFields.longOr(json, "verified_size", -1), JsonFields.longOr(json, "rejected_heads", 0),
                LogEvidence.fromJson(json.getJsonObject("last_rejected_head")),
                LogEvidence.fromJson(json.getJsonObject("misbehaviour")));
    }
}
