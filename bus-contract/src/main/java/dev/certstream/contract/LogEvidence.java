package dev.certstream.contract;

import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Objects;

/**
 * What a watcher found wrong with a log, with what proves it: the signed heads involved (each in get-sth's
 * own form, so anyone can check its signature with the log's key) and the entries in question.
 *
 * @param problem     what failed
 * @param detail      a sentence for people (which roots differed, why a signature failed)
 * @param firstHead   the earlier head: the last one that checked out, or null when there was none
 * @param secondHead  the head that failed
 * @param fromIndex   the first entry in question, or -1 when no entry is
 * @param toIndex     the end (exclusive) of the entries in question, or -1
 * @param detectedAt  when it was found, epoch ms
 */
public record LogEvidence(Problem problem, String detail, Head firstHead, Head secondHead, long fromIndex, long toIndex,
                          long detectedAt) {

    /** What a check can find wrong. */
    public enum Problem {
        /** The entries read up to a signed head's size do not hash to its root. */
        ROOT_MISMATCH,
        /** Two signed heads cannot both be true: no consistency proof links them, or they name the same size with other roots. */
        INCONSISTENT_HEADS,
        /** A head's signature does not verify with the log list's key (it is refused, not followed). */
        BAD_SIGNATURE;

        /** The word in the JSON: {@code root_mismatch}, {@code inconsistent_heads}, {@code bad_signature}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Problem fromWire(String word) {
            for (Problem p : values()) {
                if (p.wireName().equals(word)) {
                    return p;
                }
            }
            return null;
        }
    }

    /**
     * A signed tree head as get-sth gives it; a static-ct checkpoint's signature line carries the same
     * signed struct, so both are kept in this form.
     *
     * @param treeSize  tree_size
     * @param timestamp timestamp, epoch ms
     * @param rootHash  sha256_root_hash, base64
     * @param signature tree_head_signature (a TLS DigitallySigned), base64
     */
    public record Head(long treeSize, long timestamp, String rootHash, String signature) {

        public JsonObject toJson() {
            return new JsonObject().put("tree_size", treeSize).put("timestamp", timestamp)
                    .put("sha256_root_hash", rootHash).put("tree_head_signature", signature);
        }

        static Head fromJson(JsonObject json) {
            return json == null ? null : new Head(JsonFields.longOr(json, "tree_size", -1),
                    JsonFields.longOr(json, "timestamp", -1),
                    json.getString("sha256_root_hash"), json.getString("tree_head_signature"));
        }
    }

    public LogEvidence {
        Objects.requireNonNull(problem, "problem");
    }

    public JsonObject toJson() {
        return new JsonObject().put("problem", problem.wireName()).put("detail", detail)
                .put("first_head", firstHead == null ? null : firstHead.toJson())
                .put("second_head", secondHead == null ? null : secondHead.toJson())
                .put("from_index", fromIndex < 0 ? null : fromIndex).put("to_index", toIndex < 0 ? null : toIndex)
                .put("detected_at", detectedAt);
    }

    /** The evidence a JSON object holds, or null for null or a problem this version does not know. */
    public static LogEvidence fromJson(JsonObject json) {
        Problem problem = json == null ? null : Problem.fromWire(json.getString("problem"));
        if (problem == null) {
            return null;
        }
        return new LogEvidence(problem, json.getString("detail"), Head.fromJson(json.getJsonObject("first_head")),
                Head.fromJson(json.getJsonObject("second_head")), JsonFields.longOr(json, "from_index", -1),
                JsonFields.longOr(json, "to_index", -1), JsonFields.longOr(json, "detected_at", 0));
    }
}
