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

    /** A signed get-sth body and the size it is for. */
    private record SignedHead(long size, String json) {
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
            default -> Endpoint.OTHER;
        };
    }

    Future<Reply> handle(SimulatedLog log, String subPath, MultiMap params, boolean shrink) {
        return switch (endpoint(subPath)) {
            case STH -> Future.succeededFuture(Reply.json(sth(log, shrink)));
            case ENTRIES -> entries(log, params);
            case ROOTS -> Future.succeededFuture(Reply.json(roots(log)));
            default -> Future.succeededFuture(Reply.error(404, "no such RFC 6962 endpoint: " + subPath));
        };
    }

    private String sth(SimulatedLog log, boolean shrink) {
        long size = log.publishedSize();
        if (shrink && size > 0) {
            return signHead(log, size - faults.shrinkBy(size));
        }
        SignedHead head = heads.get(log.name());
        if (head == null || head.size() != size) {
            head = new SignedHead(size, signHead(log, size));
            heads.put(log.name(), head);
        }
        return head.json();
    }

    private static String signHead(SimulatedLog log, long size) {
        long now = System.currentTimeMillis();
        byte[] root = log.signer.rootHash(size);
        Base64.Encoder b64 = Base64.getEncoder();
        return new JsonObject().put("tree_size", size).put("timestamp", now)
                .put("sha256_root_hash", b64.encodeToString(root))
                .put("tree_head_signature", b64.encodeToString(log.signer.treeHeadSignature(now, size, root)))
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
            SimulatedEntry entry = log.source.entry(i);
            json.append(i == start ? "" : ",")
                    .append("{\"leaf_input\":\"").append(b64.encodeToString(CtEncoding.merkleTreeLeaf(entry)))
                    .append("\",\"extra_data\":\"").append(b64.encodeToString(CtEncoding.extraData(entry)))
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    private static String roots(SimulatedLog log) {
        JsonArray certificates = new JsonArray();
        log.source.roots().forEach(der -> certificates.add(Base64.getEncoder().encodeToString(der)));
        return new JsonObject().put("certificates", certificates).encode();
    }
}
