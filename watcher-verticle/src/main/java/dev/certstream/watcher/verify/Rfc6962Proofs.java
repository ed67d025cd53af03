package dev.certstream.watcher.verify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * An RFC 6962 log's proofs: {@code get-proof-by-hash} places a leaf the watcher read in a signed head's tree
 * (and gives the frontier below it), {@code get-sth-consistency} links two signed heads.
 */
public final class Rfc6962Proofs implements TreeProofs {

    private final String logUrl;
    private final Function<String, Future<byte[]>> get;

    /**
     * @param logUrl the log's URL, ending in '/'
     * @param get    how the log is asked (its budgeted client): the body of a 2xx answer
     */
    public Rfc6962Proofs(String logUrl, Function<String, Future<byte[]>> get) {
        this.logUrl = logUrl;
        this.get = get;
    }

    @Override
    public boolean canAnchor(long index, SignedTreeHead head) {
        return head.treeSize() > index;
    }

    @Override
    public boolean needsLeafHash() {
        return true;
    }

    @Override
    public boolean provesConsistency() {
        return true;
    }

    @Override
    public Future<Anchor> anchor(long index, byte[] leafHash, SignedTreeHead head) {
        String url = logUrl + "ct/v1/get-proof-by-hash?tree_size=" + head.treeSize() + "&hash="
                + URLEncoder.encode(Base64.getEncoder().encodeToString(leafHash), StandardCharsets.US_ASCII);
        return get.apply(url).map(body -> {
            JsonObject answer = json(body, url);
            Object at = answer.getValue("leaf_index");
            if (!(at instanceof Number n) || n.longValue() != index) {
                // Equal leaves exist: the log names the first; the caller places a later leaf instead.
                throw new LeafElsewhere("get-proof-by-hash places the leaf of " + index + " at " + at);
            }
            try {
                return new Anchor(MerkleProofs.frontierFromInclusion(index, head.treeSize(), leafHash,
                        hashes(answer, "audit_path", url), head.rootHash()), true);
            } catch (ProofException e) {
                throw new LieException("entry " + index + " as served is not in the tree of the head of "
                        + head.treeSize() + ": " + e.getMessage());
            }
        });
    }

    @Override
    public Future<Void> consistency(SignedTreeHead first, SignedTreeHead second) {
        if (first.treeSize() == 0 || first.treeSize() >= second.treeSize()) {
            try {
                MerkleProofs.verifyConsistency(first.treeSize(), second.treeSize(), first.rootHash(), second.rootHash(),
                        List.of());
                return Future.succeededFuture();
            } catch (ProofException e) {
                return Future.failedFuture(new LieException(e.getMessage()));
            }
        }
        String url = logUrl + "ct/v1/get-sth-consistency?first=" + first.treeSize() + "&second=" + second.treeSize();
        return get.apply(url).map(body -> {
            try {
                MerkleProofs.verifyConsistency(first.treeSize(), second.treeSize(), first.rootHash(), second.rootHash(),
                        hashes(json(body, url), "consistency", url));
                return null;
            } catch (ProofException e) {
                throw new LieException("no consistency from " + first.treeSize() + " to " + second.treeSize() + ": "
                        + e.getMessage());
            }
        });
    }

    private static JsonObject json(byte[] body, String url) {
        try {
            return Buffer.buffer(body).toJsonObject();
        } catch (RuntimeException e) {
            throw new NoAnswer(url + " did not answer JSON: " + e.getMessage());
        }
    }

    private static List<byte[]> hashes(JsonObject answer, String field, String url) {
        if (!(answer.getValue(field) instanceof JsonArray array)) {
            throw new NoAnswer(url + " has no " + field);
        }
        List<byte[]> out = new ArrayList<>(array.size());
        for (Object node : array) {
            try {
                out.add(Base64.getDecoder().decode((String) node));
            } catch (RuntimeException e) {
                throw new NoAnswer(url + " has a " + field + " node that is not base64");
            }
        }
        return out;
    }
}
