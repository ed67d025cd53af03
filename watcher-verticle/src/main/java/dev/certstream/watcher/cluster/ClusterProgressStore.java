package dev.certstream.watcher.cluster;

import dev.certstream.contract.BusAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Clustered progress: each log's {@link LogProgress} in a Hazelcast-backed map (two backups), so that the
 * watcher taking a log over resumes where its last owner stopped and keeps verifying from its frontier.
 * A value is the progress JSON as a string (at most about 3 KB); a number, the format of earlier versions,
 * still reads as a next index without a frontier. The event bus is at-most-once and a killed
 * watcher loses what sat in its socket buffers, so a saved index is written only once it was published
 * at least {@code publishDelay} ago: a takeover then re-publishes a little (duplicates are dropped by
 * (log, index) downstream) instead of skipping what never arrived. Writes only ever raise a value.
 */
public final class ClusterProgressStore implements ProgressStore {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterProgressStore.class);
    static final String MAP = "certstream.progress";
    /** Marks kept per log between flushes; older ones are superseded by newer ones anyway. */
    private static final int MAX_MARKS = 256;

    private final Vertx vertx;
    private final long callTimeoutMs;
    private final long publishDelayMs;
    private final Map<String, Deque<Mark>> marks = new ConcurrentHashMap<>();
    private final Map<String, LogProgress> written = new ConcurrentHashMap<>();
    private AsyncMap<String, Object> map;
    private Future<JsonObject> brokersLogs;
    private long brokersLogsAsked;
    private long timer = -1;

    public ClusterProgressStore(Vertx vertx, java.time.Duration callTimeout, java.time.Duration publishDelay) {
        this.vertx = vertx;
        this.callTimeoutMs = callTimeout.toMillis();
        this.publishDelayMs = publishDelay.toMillis();
    }

    /** Gets the shared map and starts writing old-enough marks every {@code flushIntervalMs}. */
    public Future<Void> open(long flushIntervalMs) {
        return vertx.sharedData().<String, Object>getAsyncMap(MAP).timeout(callTimeoutMs, TimeUnit.MILLISECONDS)
                .map(m -> {
                    map = m;
                    timer = vertx.setPeriodic(flushIntervalMs, t -> writeDue(false));
                    return null;
                });
    }

    /**
     * The saved next index, or the one this watcher itself last saved for the log if that is higher (its side
     * of a split may have lost the cluster's copy, or kept an older one); when neither exists (several members
     * gone at once), where the brokers saw the log's certificates end, so a takeover continues there instead
     * of at the tree head.
     */
    @Override
    public Future<LogProgress> loadProgress(String logUrl) {
        LogProgress own = written.get(logUrl);
        return map.get(logUrl).timeout(callTimeoutMs, TimeUnit.MILLISECONDS).compose(saved -> {
            LogProgress cluster = saved == null ? null : decode(saved);
            if (cluster == null && own == null) {
                return brokersNextIndex(logUrl).map(next -> next == null ? null : LogProgress.at(next));
            }
            if (cluster == null || (own != null && own.nextIndex() > cluster.nextIndex())) {
                LOG.warn("{}: the cluster's progress ({}) is behind the highest this watcher saved or saw ({}); resuming there",
                        logUrl, cluster, own);
                return Future.succeededFuture(own);
            }
            return Future.succeededFuture(cluster);
        });
    }

    /** A map value: the JSON string, or a number from an earlier version. */
    static LogProgress decode(Object value) {
        if (value instanceof Number n) {
            return LogProgress.at(n.longValue());
        }
        if (value instanceof String json) {
            return LogProgress.fromJson(new JsonObject(json));
        }
        throw new IllegalArgumentException("progress value of type " + value.getClass().getName());
    }

    /** The index after the highest one a broker counted for the log, or null when no broker knows it. */
    private Future<Long> brokersNextIndex(String logUrl) {
        return brokersLogs().map(logs -> {
            JsonObject log = logs.getJsonObject(logUrl);
            Long last = log == null ? null : log.getLong("last_index");
            if (last != null) {
                LOG.warn("{}: no progress in the cluster; continuing after the brokers' last index {}", logUrl, last);
            }
            return last == null ? null : last + 1;
        }).otherwise((Long) null);
    }

    /**
     * The brokers' per-log table, asked once for all the logs a start (or a takeover) loads together:
     * every log never followed before lands here, and each answer lists every log. Asked as a floor: a broker
     * left without quorum by the very loss of the watchers that held the progress still answers.
     */
    private synchronized Future<JsonObject> brokersLogs() {
        long now = System.nanoTime();
        if (brokersLogs == null || now - brokersLogsAsked > TimeUnit.SECONDS.toNanos(1)) {
            brokersLogsAsked = now;
            brokersLogs = vertx.eventBus().<JsonObject>request(BusAddresses.BROKER_STATS, BusAddresses.STATS_AS_FLOOR,
                            new DeliveryOptions().setSendTimeout(callTimeoutMs))
                    .map(reply -> reply.body().getJsonObject("logs", new JsonObject()));
        }
        return brokersLogs;
    }

    @Override
    public void save(String logUrl, LogProgress progress) {
        Deque<Mark> deque = marks.computeIfAbsent(logUrl, k -> new ArrayDeque<>());
        synchronized (deque) {
            deque.addLast(new Mark(progress, System.currentTimeMillis()));
            if (deque.size() > MAX_MARKS) {
                deque.removeFirst();
            }
        }
    }

    @Override
    public void discardUnsaved() {
        marks.clear();
    }

    /** Writes every log's latest mark now, however recent (a live handover: nothing is in doubt). */
    @Override
    public Future<Void> flush() {
        return writeDue(true);
    }

    private Future<Void> writeDue(boolean all) {
        if (map == null) {
            return Future.succeededFuture();
        }
        long due = System.currentTimeMillis() - publishDelayMs;
        List<Future<Void>> writes = new ArrayList<>();
        marks.forEach((log, deque) -> {
            LogProgress candidate = null;
            synchronized (deque) {
                while (!deque.isEmpty() && (all || deque.peekFirst().savedAt() <= due)) {
                    candidate = deque.removeFirst().progress();
                }
            }
            if (candidate != null && candidate.nextIndex() > writtenNext(log)) {
                writes.add(raise(log, candidate, 3));
            }
        });
        return Future.join(writes).<Void>mapEmpty()
                .onFailure(e -> LOG.warn("progress not saved to the cluster: {}", e.getMessage()));
    }

    /** Sets the log's value to {@code progress} unless its next index is already higher (compare-and-set, few tries). */
    private Future<Void> raise(String log, LogProgress progress, int tries) {
        long value = progress.nextIndex();
        return map.get(log).timeout(callTimeoutMs, TimeUnit.MILLISECONDS).compose(current -> {
            LogProgress saved = current == null ? null : readable(current);
            if (saved != null && saved.nextIndex() >= value) {
                remember(log, saved);
                return Future.succeededFuture();
            }
            String encoded = progress.toJson().encode();
            Future<Boolean> set = current == null
                    ? map.putIfAbsent(log, encoded).map(previous -> previous == null)
                    : map.replaceIfPresent(log, current, encoded);
            return set.timeout(callTimeoutMs, TimeUnit.MILLISECONDS).compose(ok -> {
                if (ok) {
                    remember(log, progress);
                    return Future.succeededFuture();
                }
                return tries > 1 ? raise(log, progress, tries - 1)
                        : Future.failedFuture("progress of " + log + " kept changing under us");
            });
        });
    }

    /** A map value's progress; an unreadable value counts as none, so that it is replaced. */
    private static LogProgress readable(Object value) {
        try {
            return decode(value);
        } catch (RuntimeException e) {
            LOG.warn("unreadable progress value replaced: {}", e.getMessage());
            return null;
        }
    }

    /** Keeps the highest progress this watcher wrote or saw for a log: its own floor after a split. */
    private void remember(String log, LogProgress progress) {
        written.merge(log, progress, (old, fresh) -> fresh.nextIndex() > old.nextIndex() ? fresh : old);
    }

    private long writtenNext(String log) {
        LogProgress own = written.get(log);
        return own == null ? -1 : own.nextIndex();
    }

    /** One saved progress and when it was saved (ms). */
    private record Mark(LogProgress progress, long savedAt) {
    }

    public Future<Void> close() {
        vertx.cancelTimer(timer);
        return flush();
    }
}
