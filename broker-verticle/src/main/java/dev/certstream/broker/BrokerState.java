package dev.certstream.broker;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.node.DuplicateFilter;
import dev.certstream.render.ct.EntryType;
import dev.certstream.contract.LogStatus;
import dev.certstream.contract.OperatorBudgetStatus;
import dev.certstream.contract.StreamKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a broker knows (counts, per-log table, ring) in one place that can be snapshotted to JSON
 * and restored, so a new broker replica can start from a live one. Not thread-safe: one verticle owns it.
 */
public final class BrokerState {

    private final BrokerConfig config;
    private final DuplicateFilter duplicates;
    private final CertificateRing ring;
    private final Map<String, LogTally> logs;
    private final Map<EntryType, Long> byType = new EnumMap<>(EntryType.class);
    private long processed;
    private long duplicatesDropped;
    private long startedMillis;

    public BrokerState(BrokerConfig config, long startedMillis) {
        this.config = config;
        this.duplicates = new DuplicateFilter(config.maxLogs());
        this.ring = new CertificateRing(config.ringSize());
        this.startedMillis = startedMillis;
        // Access order, so the log forgotten past maxLogs is the one not heard from for longest.
        this.logs = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LogTally> eldest) {
                return size() > config.maxLogs();
            }
        };
        for (EntryType type : EntryType.values()) {
            byType.put(type, 0L);
        }
    }

    /** Counts and remembers a certificate; false (and nothing changes) when it is a duplicate. */
    public boolean onCertificate(CertificateEnvelope envelope) {
        if (!duplicates.firstTime(envelope.logUrl(), envelope.index())) {
            duplicatesDropped++;
            return false;
        }
        processed++;
        byType.merge(envelope.entryType(), 1L, Long::sum);
        LogTally tally = logs.computeIfAbsent(envelope.logUrl(), url -> new LogTally());
        tally.processed++;
        tally.highestIndex = Math.max(tally.highestIndex, envelope.index());
        ring.add(envelope.full(), envelope.lite(), envelope.domains());
        return true;
    }

    /** Records a watcher's report about one log. */
    public void onStatus(LogStatus status) {
        logs.computeIfAbsent(status.url(), url -> new LogTally()).status = status;
    }

    public long processed() {
        return processed;
    }

    public long processed(EntryType type) {
        return byType.get(type);
    }

    public long duplicatesDropped() {
        return duplicatesDropped;
    }

    public int logCount() {
        return logs.size();
    }

    /** The {@code /latest.json} body. */
    public Buffer latestBody() {
        return ring.latestBody();
    }

    /** The newest message of a stream, or null before any certificate. */
    public Buffer newest(StreamKind kind) {
        return ring.newest(kind);
    }

    /** The broker's part of {@code /stats}. */
    public JsonObject statsJson() {
        JsonObject perLog = new JsonObject();
        logs.forEach((url, tally) -> perLog.put(url, tally.toStatsJson()));
        JsonObject perType = new JsonObject();
        byType.forEach((type, count) -> perType.put(type.updateType(), count));
        return new JsonObject()
                .put("processed_certificates", processed)
                .put("certificates_by_type", perType)
                .put("duplicates_dropped", duplicatesDropped)
                .put("started_at", BigDecimal.valueOf(startedMillis, 3))
                .put("logs", perLog)
                .put("operators", operators());
    }

    /**
     * Each log operator's request budget as the watchers report it with its logs: per operator, the sum
     * over the watchers following its logs (each watcher has a budget of its own).
     */
    private JsonObject operators() {
        Map<String, Map<String, OperatorBudgetStatus>> byOperator = new LinkedHashMap<>();
        logs.values().forEach(tally -> {
            LogStatus s = tally.status;
            if (s != null && s.operatorBudget() != null) {
                byOperator.computeIfAbsent(s.operator(), k -> new LinkedHashMap<>()).put(s.watcher(), s.operatorBudget());
            }
        });
        JsonObject table = new JsonObject();
        byOperator.forEach((operator, watchers) -> {
            Integer rate = watchers.values().stream().allMatch(b -> b.rate() != null)
                    ? watchers.values().stream().mapToInt(OperatorBudgetStatus::rate).sum() : null;
            table.put(operator, new JsonObject().put("watchers", watchers.size()).put("rate", rate)
                    .put("requests", watchers.values().stream().mapToLong(OperatorBudgetStatus::requests).sum())
                    .put("waited_ms", watchers.values().stream().mapToLong(OperatorBudgetStatus::waitedMs).sum())
                    .put("held_ms", watchers.values().stream().mapToLong(OperatorBudgetStatus::heldMs).sum())
                    .put("too_many_requests", watchers.values().stream().mapToLong(OperatorBudgetStatus::tooManyRequests).sum()));
        });
        return table;
    }

    /** What this state holds in memory, for {@code /stats}' memory object. */
    public JsonObject memoryJson() {
        return new JsonObject().put("ring_messages", ring.size()).put("ring_bytes", ring.bytes()).put("logs", logs.size());
    }

    /** Everything needed to continue where this broker is, as JSON. */
    public JsonObject snapshot() {
        JsonObject perLog = new JsonObject();
        logs.forEach((url, tally) -> perLog.put(url, tally.snapshot()));
        JsonObject perType = new JsonObject();
        byType.forEach((type, count) -> perType.put(type.name(), count));
        return new JsonObject().put("version", 1).put("processed", processed).put("by_type", perType)
                .put("duplicates_dropped", duplicatesDropped).put("started_millis", startedMillis)
                .put("logs", perLog).put("ring", ring.snapshot());
    }

    /** A state continuing from {@link #snapshot()}, bounded by this replica's own config. */
    public static BrokerState restore(BrokerConfig config, JsonObject snapshot) {
        if (snapshot.getInteger("version", 0) != 1) {
            throw new IllegalArgumentException("unknown broker snapshot version: " + snapshot.getValue("version"));
        }
        BrokerState state = new BrokerState(config, snapshot.getLong("started_millis"));
        state.processed = snapshot.getLong("processed", 0L);
        state.duplicatesDropped = snapshot.getLong("duplicates_dropped", 0L);
        JsonObject perType = snapshot.getJsonObject("by_type", new JsonObject());
        for (EntryType type : EntryType.values()) {
            state.byType.put(type, perType.getLong(type.name(), 0L));
        }
        JsonObject perLog = snapshot.getJsonObject("logs", new JsonObject());
        for (String url : perLog.fieldNames()) {
            LogTally tally = LogTally.restore(perLog.getJsonObject(url));
            state.logs.put(url, tally);
            if (tally.highestIndex >= 0) {
                state.duplicates.markSeenUpTo(url, tally.highestIndex);
            }
        }
        state.ring.restore(snapshot.getJsonObject("ring", new JsonObject()));
        return state;
    }
}
