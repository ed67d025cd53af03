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
 * Clustered progress: each log's next index in a Hazelcast-backed map (two backups), so that the watcher
 * taking a log over resumes where its last owner stopped. The event bus is at-most-once and a killed
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
    private final Map<String, Deque<long[]>> marks = new ConcurrentHashMap<>();
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private AsyncMap<String, Long> map;
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
        return vertx.sharedData().<String, Long>getAsyncMap(MAP).timeout(callTimeoutMs, TimeUnit.MILLISECONDS)
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
    public Future<Long> load(String logUrl) {
        Long own = written.get(logUrl);
        return map.get(logUrl).timeout(callTimeoutMs, TimeUnit.MILLISECONDS).compose(saved -> {
            if (saved == null && own == null) {
                return brokersNextIndex(logUrl);
            }
            long next = Math.max(saved == null ? -1 : saved, own == null ? -1 : own);
            if (saved == null || next > saved) {
                LOG.warn("{}: the cluster's progress ({}) is behind the highest this watcher saved or saw ({}); resuming there",
                        logUrl, saved, own);
            }
            return Future.succeededFuture(next);
        });
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
     * every log never followed before lands here, and each answer lists every log.
     */
    private synchronized Future<JsonObject> brokersLogs() {
        long now = System.nanoTime();
        if (brokersLogs == null || now - brokersLogsAsked > TimeUnit.SECONDS.toNanos(1)) {
            brokersLogsAsked = now;
            brokersLogs = vertx.eventBus().<JsonObject>request(BusAddresses.BROKER_STATS, null,
                            new DeliveryOptions().setSendTimeout(callTimeoutMs))
                    .map(reply -> reply.body().getJsonObject("logs", new JsonObject()));
        }
        return brokersLogs;
    }

    @Override
    public void save(String logUrl, long nextIndex) {
        Deque<long[]> deque = marks.computeIfAbsent(logUrl, k -> new ArrayDeque<>());
        synchronized (deque) {
            deque.addLast(new long[]{nextIndex, System.currentTimeMillis()});
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
            long candidate = -1;
            synchronized (deque) {
                while (!deque.isEmpty() && (all || deque.peekFirst()[1] <= due)) {
                    candidate = deque.removeFirst()[0];
                }
            }
            if (candidate >= 0 && candidate > written.getOrDefault(log, -1L)) {
                writes.add(raise(log, candidate, 3));
            }
        });
        return Future.join(writes).<Void>mapEmpty()
                .onFailure(e -> LOG.warn("progress not saved to the cluster: {}", e.getMessage()));
    }

    /** Sets the log's value to {@code value} unless it is already higher (compare-and-set, few tries). */
    private Future<Void> raise(String log, long value, int tries) {
        return map.get(log).timeout(callTimeoutMs, TimeUnit.MILLISECONDS).compose(current -> {
            if (current != null && current >= value) {
                written.merge(log, current, Math::max);
                return Future.succeededFuture();
            }
            Future<Boolean> set = current == null
                    ? map.putIfAbsent(log, value).map(previous -> previous == null)
                    : map.replaceIfPresent(log, current, value);
            return set.timeout(callTimeoutMs, TimeUnit.MILLISECONDS).compose(ok -> {
                if (ok) {
                    written.merge(log, value, Math::max);
                    return Future.succeededFuture();
                }
                return tries > 1 ? raise(log, value, tries - 1)
                        : Future.failedFuture("progress of " + log + " kept changing under us");
            });
        });
    }

    public Future<Void> close() {
        vertx.cancelTimer(timer);
        return flush();
    }
}
