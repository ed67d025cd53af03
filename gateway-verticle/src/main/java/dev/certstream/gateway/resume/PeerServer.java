package dev.certstream.gateway.resume;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterSpec;
import dev.certstream.gateway.filter.FilterSpecJson;
import dev.certstream.gateway.filter.SingleFilter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Answers a peer gateway's request for ranges of logs from this gateway's replay buffer: the entries its
 * client's filter selects, in bounded chunks (the peer asks again for the rest), with where to continue and
 * from which index on this buffer holds each log. Blocking (disk): run on a worker.
 */
public final class PeerServer {

    /** Most entries and bytes one answer carries, whatever the request says: bounded event-bus messages. */
    private static final int MAX_ENTRIES = 2000;
    private static final long MAX_BYTES = 8L << 20;

    private final ReplayBuffer buffer;
    private final ResumeStats stats;
    /** The filters of recent requests: a peer asks for one client's chunks in turn. */
    private final Cache<String, Predicate<CertificateEnvelope>> filters = Caffeine.newBuilder().maximumSize(64).build();

    public PeerServer(ReplayBuffer buffer, ResumeStats stats) {
        this.buffer = buffer;
        this.stats = stats;
    }

    public Buffer answer(JsonObject request) {
        StreamKind kind = StreamKind.valueOf(request.getString("stream", StreamKind.LITE.name()));
        int maxEntries = Math.min(MAX_ENTRIES, Math.max(1, request.getInteger("max_entries", 100)));
        long maxBytes = Math.min(MAX_BYTES, Math.max(1024, request.getLong("max_bytes", 1L << 20)));
        FilterSpec spec = FilterSpecJson.parse(request.getJsonObject("filter", new JsonObject()));
        Predicate<CertificateEnvelope> filter = filters.get(spec.key(), key -> SingleFilter.of(spec));
        Map<Integer, LogRange> ranges = new HashMap<>();
        StreamPosition from = new StreamPosition();
        for (Object item : request.getJsonArray("ranges", new JsonArray())) {
            JsonObject range = (JsonObject) item;
            LogRange r = new LogRange(range.getString("log"), range.getLong("from"), range.getLong("to"));
            int log = LogIds.of(r.logUrl());
            ranges.put(log, r);
            from.raise(log, r.from());
        }
        Predicate<CertificateEnvelope> wanted = e -> {
            LogRange r = ranges.get(LogIds.of(e.logUrl()));
            return r != null && e.index() <= r.to() && filter.test(e);
        };
        Cursor cursor = from.cursor();
        List<CertificateEnvelope> entries = new ArrayList<>();
        StreamPosition passed = new StreamPosition();
        long bytes = 0;
        long seq = buffer.startSeq(cursor, true);
        boolean reachedHead = false;
        while (entries.size() < maxEntries && bytes < maxBytes && !done(ranges, passed)) {
            if (seq >= buffer.headSeq()) {
                reachedHead = true;
                break;
            }
            ReplayChunk chunk = buffer.read(seq, cursor, wanted, maxEntries - entries.size(), maxBytes - bytes, kind);
            if (chunk.evicted()) {
                // What we were reading went: start again, so what we send and what we say we held agree.
                entries.clear();
                passed = new StreamPosition();
                bytes = 0;
                seq = buffer.startSeq(cursor, true);
                continue;
            }
            for (CertificateEnvelope e : chunk.wanted()) {
                bytes += e.rendering(kind).length();
            }
            entries.addAll(chunk.wanted());
            passed.raiseTo(chunk.passed());
            seq = chunk.nextSeq();
        }
        StreamPosition head = buffer.head();
        Map<String, Long> next = new HashMap<>();
        Map<String, Long> heldFrom = new HashMap<>();
        for (Map.Entry<Integer, LogRange> e : ranges.entrySet()) {
            LogRange r = e.getValue();
            long scanned = Math.max(r.from(), passed.next(e.getKey()));
            if (reachedHead && head.next(e.getKey()) > r.to()) {
                scanned = r.to() + 1;
            }
            next.put(r.logUrl(), Math.min(scanned, r.to() + 1));
            long held = buffer.coverageStart(e.getKey());
            if (held >= 0) {
                heldFrom.put(r.logUrl(), held);
            }
        }
        stats.servedPeer(entries.size());
        return PeerWire.encode(entries, kind, next, heldFrom);
    }

    private static boolean done(Map<Integer, LogRange> ranges, StreamPosition passed) {
        for (Map.Entry<Integer, LogRange> e : ranges.entrySet()) {
            if (passed.next(e.getKey()) <= e.getValue().to()) {
                return false;
            }
        }
        return true;
    }
}
