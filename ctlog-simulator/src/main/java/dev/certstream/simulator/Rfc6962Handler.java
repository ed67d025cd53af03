package dev.certstream.simulator;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RFC 6962 read API of one simulated log: get-sth, get-entries (inclusive range, capped at the
 * page cap and at the tree size) and get-roots.
 */
final class Rfc6962Handler {

    /** A signed get-sth body, the size it is for and the lie generation it was signed under. */
    private record SignedHead(long size, int lies, String json) {
    }

    private final WorkerExecutor workers;
    private final int pageCap;
    private final FaultInjector faults;
    // One signed head per log, re-signed only when the size changes, like a log's periodic STH.
    private final Map<String, SignedHead> heads = new ConcurrentHashMap<>();

    Rfc6962Handler(WorkerExecutor workers, int pageCap, FaultInjector faults) {
        this.workers = workers;
        this.pageCap = pageCap;
        this.faults = faults;
    }

    static Endpoint endpoint(String subPath) {
        return switch (subPath) {
            case "ct/v1/get-sth" -> Endpoint.STH;
            case "ct/v1/get-entries" -> Endpoint.ENTRIES;
            case "ct/v1/get-roots" -> Endpoint.ROOTS;
            case "ct/v1/get-proof-by-hash" -> Endpoint.PROOF;
            case "ct/v1/get-sth-consistency" -> Endpoint.CONSISTENCY;
            default -> Endpoint.OTHER;
        };
    }

    Future<Reply> handle(SimulatedLog log, String subPath, MultiMap params, boolean shrink) {
        return switch (endpoint(subPath)) {
            // Off the event loop: a head of a size not seen yet hashes the leaves added since (about 25 µs each).
            case STH -> workers.executeBlocking(() -> Reply.json(sth(log, shrink)), false);
            case ENTRIES -> entries(log, params);
            case ROOTS -> Future.succeededFuture(Reply.json(roots(log)));
            case PROOF -> workers.executeBlocking(() -> proofByHash(log, params), false);
            case CONSISTENCY -> workers.executeBlocking(() -> consistency(log, params), false);
            default -> Future.succeededFuture(Reply.error(404, "no such RFC 6962 endpoint: " + subPath));
        };
    }

    private String sth(SimulatedLog log, boolean shrink) {
        long size = log.publishedSize();
        if (shrink && size > 0) {
            return signHead(log, size - faults.shrinkBy(size));
        }
        SignedHead head = heads.get(log.name());
        int lies = log.lies.generation();
        if (head == null || head.size() != size || head.lies() != lies) {
            head = new SignedHead(size, lies, signHead(log, size));
            heads.put(log.name(), head);
        }
        return head.json();
    }

    private static String signHead(SimulatedLog log, long size) {
        long now = System.currentTimeMillis();
        byte[] root = log.lies.headRoot(size);
        // A lying signature signs another timestamp than the head names.
        long signed = log.lies.badSignature(size) ? now + 1 : now;
        Base64.Encoder b64 = Base64.getEncoder();
        return new JsonObject().put("tree_size", size).put("timestamp", now)
                .put("sha256_root_hash", b64.encodeToString(root))
                .put("tree_head_signature", b64.encodeToString(log.signer.treeHeadSignature(signed, size, root)))
                .encode();
    }

    private Future<Reply> entries(SimulatedLog log, MultiMap params) {
        long start;
        long end;
        try {
            start = Long.parseLong(params.get("start"));
            end = Long.parseLong(params.get("end"));
        } catch (NumberFormatException e) {
            return Future.succeededFuture(Reply.error(400, "start and end must be integers"));
        }
        long size = log.treeSize();
        if (start < 0 || end < start) {
            return Future.succeededFuture(Reply.error(400, "need 0 <= start <= end"));
        }
        if (start >= size) {
            return Future.succeededFuture(Reply.error(400, "start " + start + " is beyond the tree size " + size));
        }
        long last = Math.min(Math.min(end, size - 1), start + pageCap - 1);
        return workers.executeBlocking(() -> Reply.json(renderEntries(log, start, last)), false);
    }

    private static String renderEntries(SimulatedLog log, long start, long last) {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder json = new StringBuilder((int) Math.min(1 << 20, 6144 * (last - start + 1))).append("{\"entries\":[");
        for (long i = start; i <= last; i++) {
            SimulatedEntry entry = log.lies.entry(i);
            json.append(i == start ? "" : ",")
                    .append("{\"leaf_input\":\"").append(b64.encodeToString(CtEncoding.merkleTreeLeaf(entry)))
                    .append("\",\"extra_data\":\"").append(b64.encodeToString(CtEncoding.extraData(entry)))
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    /** get-proof-by-hash: the audit path of the leaf with this hash in the tree of tree_size (RFC 6962 4.5). */
    private static Reply proofByHash(SimulatedLog log, MultiMap params) {
        byte[] hash;
        long size;
        try {
            hash = Base64.getDecoder().decode(params.get("hash"));
            size = Long.parseLong(params.get("tree_size"));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Reply.error(400, "need hash (base64) and tree_size (integer)");
        }
        if (hash.length != 32 || size < 1 || size > log.treeSize()) {
            return Reply.error(400, "need a 32-byte hash and 1 <= tree_size <= " + log.treeSize());
        }
        SimMerkleTree tree = log.lies.tree();
        long index = tree.indexOf(hash, size);
        if (index < 0) {
            return Reply.error(404, "no leaf with that hash in the first " + size + " entries");
        }
        return Reply.json(new JsonObject().put("leaf_index", index)
                .put("audit_path", base64(tree.auditPath(index, size))).encode());
    }

    /** get-sth-consistency: the consistency proof between two tree sizes (RFC 6962 4.4). */
    private static Reply consistency(SimulatedLog log, MultiMap params) {
        long first;
        long second;
        try {
            first = Long.parseLong(params.get("first"));
            second = Long.parseLong(params.get("second"));
        } catch (NumberFormatException e) {
            return Reply.error(400, "first and second must be integers");
        }
        if (first < 0 || second < first || second > log.treeSize()) {
            return Reply.error(400, "need 0 <= first <= second <= " + log.treeSize());
        }
        JsonArray proof = first == 0 || first == second ? new JsonArray() : base64(log.lies.tree().consistency(first, second));
        return Reply.json(new JsonObject().put("consistency", proof).encode());
    }

    private static JsonArray base64(java.util.List<byte[]> hashes) {
        JsonArray out = new JsonArray();
        hashes.forEach(h -> out.add(Base64.getEncoder().encodeToString(h)));
        return out;
    }

    private static String roots(SimulatedLog log) {
        JsonArray certificates = new JsonArray();
        log.source.roots().forEach(der -> certificates.add(Base64.getEncoder().encodeToString(der)));
        return new JsonObject().put("certificates", certificates).encode();
    }
}
