package dev.certstream.watcher.cluster;

import dev.certstream.contract.LogEvidence;
import dev.certstream.watcher.verify.MerkleFrontier;
import dev.certstream.watcher.verify.SignedTreeHead;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Base64;

/**
 * One log's progress as it is saved (file or cluster map): the next index to publish and, when the watcher
 * verifies the log, the Merkle frontier of every entry below it and the last signed head the entries were
 * checked against, so that whoever continues keeps verifying without starting again. Its JSON form is
 * compact: the frontier is 8 + 32 bytes per set bit of the index (at most 2,056 bytes), in base64.
 *
 * @param nextIndex the next index to publish
 * @param frontier  the serialized {@link MerkleFrontier} at {@code nextIndex}, or null when unknown
 * @param verified  the last signed head whose root the entries were folded to, or null
 * @param misbehaviour what the log was caught doing, kept so that it stays misbehaving for whoever
 *                     follows it next (cleared only by removing the log's record), or null
 */
public record LogProgress(long nextIndex, byte[] frontier, SignedTreeHead verified, LogEvidence misbehaviour) {

    public LogProgress {
        if (nextIndex < 0) {
            throw new IllegalArgumentException("negative next index " + nextIndex);
        }
        if (frontier != null) {
            long size = MerkleFrontier.deserialize(frontier).size();
            if (size != nextIndex) {
                throw new IllegalArgumentException("a frontier of " + size + " leaves for next index " + nextIndex);
            }
            frontier = frontier.clone();
        }
        if (verified != null && verified.treeSize() > nextIndex) {
            throw new IllegalArgumentException("head of " + verified.treeSize() + " verified below next index " + nextIndex);
        }
    }

    /** Progress without verification state (old records, the brokers' fallback). */
    public static LogProgress at(long nextIndex) {
        return new LogProgress(nextIndex, null, null, null);
    }

    /** Progress with the frontier at {@code frontier.size()}, which is the next index. */
    public static LogProgress of(MerkleFrontier frontier, SignedTreeHead verified) {
        return new LogProgress(frontier.size(), frontier.serialize(), verified, null);
    }

    /** A copy of the frontier, or null. */
    public MerkleFrontier merkleFrontier() {
        return frontier == null ? null : MerkleFrontier.deserialize(frontier);
    }

    @Override
    public byte[] frontier() {
        return frontier == null ? null : frontier.clone();
    }

    /**
     * {@code {"next": N, "frontier": base64, "verified": get-sth form, "misbehaviour": evidence}}, the optional
     * fields left out when null.
     */
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("next", nextIndex);
        if (frontier != null) {
            json.put("frontier", Base64.getEncoder().encodeToString(frontier));
        }
        if (verified != null) {
            json.put("verified", headJson(verified));
        }
        if (misbehaviour != null) {
            json.put("misbehaviour", misbehaviour.toJson());
        }
        return json;
    }

    /** @throws IllegalArgumentException when it is not a progress record */
    public static LogProgress fromJson(JsonObject json) {
        try {
            Object next = json.getValue("next");
            if (!(next instanceof Number n) || next instanceof Double || next instanceof Float) {
                throw new IllegalArgumentException("no integer next index");
            }
            String frontier = json.getString("frontier");
            JsonObject head = json.getJsonObject("verified");
            return new LogProgress(n.longValue(), frontier == null ? null : Base64.getDecoder().decode(frontier),
                    head == null ? null : head(head), LogEvidence.fromJson(json.getJsonObject("misbehaviour")));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a progress record: " + e.getMessage(), e);
        }
    }

    /** A signed head in get-sth's own form, so that anyone can check it with the log's key. */
    public static JsonObject headJson(SignedTreeHead head) {
        Base64.Encoder b64 = Base64.getEncoder();
        return new JsonObject().put("tree_size", head.treeSize()).put("timestamp", head.timestamp())
                .put("sha256_root_hash", b64.encodeToString(head.rootHash()))
                .put("tree_head_signature", b64.encodeToString(head.signature()));
    }

    static SignedTreeHead head(JsonObject json) {
        return SignedTreeHead.of(json.getLong("tree_size"), json.getLong("timestamp"), json.getString("sha256_root_hash"),
                json.getString("tree_head_signature"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogProgress p && p.nextIndex == nextIndex && Arrays.equals(p.frontier, frontier)
                && java.util.Objects.equals(p.verified, verified) && java.util.Objects.equals(p.misbehaviour, misbehaviour);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nextIndex) * 31 + Arrays.hashCode(frontier);
    }

    @Override
    public String toString() {
        return "LogProgress[next=" + nextIndex + (frontier == null ? "" : ", frontier")
                + (verified == null ? "" : ", verified at " + verified.treeSize())
                + (misbehaviour == null ? "" : ", misbehaving") + "]";
    }
}
