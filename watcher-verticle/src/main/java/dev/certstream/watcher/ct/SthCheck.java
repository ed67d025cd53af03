package dev.certstream.watcher.ct;

import dev.certstream.watcher.verify.LogKey;
import dev.certstream.watcher.verify.ProofException;
import dev.certstream.watcher.verify.SignedTreeHead;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.Arrays;

/**
 * Turns one RFC 6962 log's get-sth answer into a signed tree head to follow: every field read and checked,
 * and the tree_head_signature verified with the log list's key; a head whose signature fails is refused
 * ({@code BAD_SIGNATURE}, carrying the head). An unchanged answer is not verified twice. A log without a
 * usable key is followed on its tree_size alone, and its heads are not signed heads.
 */
public final class SthCheck {

    private final LogSource source;
    private final LogKey key;
    private byte[] lastVerified;
    private SignedTreeHead lastHead;

    public SthCheck(LogSource source) {
        this.source = source;
        LogKey usable = null;
        if (source.publicKeyDer() != null) {
            try {
                usable = new LogKey(source.publicKeyDer());
            } catch (IllegalArgumentException unusable) {
                usable = null;
            }
        }
        this.key = usable;
    }

    /** The head's tree size; throws a {@link FetchException} for an answer that is refused. */
    public long treeSize(byte[] body, String url) {
        if (lastVerified != null && Arrays.equals(lastVerified, body)) {
            return lastHead.treeSize();
        }
        SignedTreeHead head = parse(body, url);
        if (key != null) {
            try {
                head.verify(key);
            } catch (ProofException e) {
                throw FetchException.badSignature("get-sth from " + url + " refused: " + e.getMessage(), head);
            }
        }
        lastVerified = body;
        lastHead = head;
        return head.treeSize();
    }

    /** The last head accepted with a verified signature, or null when the log has no usable key. */
    public SignedTreeHead lastHead() {
        return key == null ? null : lastHead;
    }

    /** Whether heads are checked: the log list gave a key this watcher can use. */
    public boolean signed() {
        return key != null;
    }

    static SignedTreeHead parse(byte[] body, String url) {
        JsonObject sth;
        try {
            sth = CtHttpClient.wrap(body).toJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "get-sth from " + url + " is not JSON: " + e.getMessage());
        }
        long size = integer(sth, "tree_size", url);
        long timestamp = integer(sth, "timestamp", url);
        if (!(sth.getValue("sha256_root_hash") instanceof String root)
                || !(sth.getValue("tree_head_signature") instanceof String signature)) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "get-sth from " + url
                    + " lacks sha256_root_hash or tree_head_signature");
        }
        try {
            return SignedTreeHead.of(size, timestamp, root, signature);
        } catch (IllegalArgumentException e) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "get-sth from " + url + " is malformed: " + e.getMessage());
        }
    }

    private static long integer(JsonObject sth, String field, String url) {
        Object value = sth.getValue(field);
        if (value instanceof Number n && n.longValue() >= 0 && !(value instanceof Double) && !(value instanceof Float)) {
            return n.longValue();
        }
        throw new FetchException(FetchException.Kind.BAD_BODY, "get-sth from " + url + " has no valid " + field);
    }

    @Override
    public String toString() {
        return "SthCheck[" + source + (key == null ? ", unsigned" : "") + "]";
    }
}
