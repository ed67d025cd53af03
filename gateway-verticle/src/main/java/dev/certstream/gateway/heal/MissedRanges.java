package dev.certstream.gateway.heal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact per-log index ranges this gateway never received: a gateway on the side of a split without the
 * quorum gets nothing while its side publishes nothing, and after the heal the first certificate of each log
 * arrives past what its clients had. Fed every certificate once, in arrival order, it notes each hole between
 * a log's highest index and a higher one. Each hole goes to a {@link Listener} at once (the gateway tells its
 * clients the exact gap, and logs it), so a certificate of a hole that still arrives later (the old owner's
 * last ones, through a connection that came back after the new owner's first) is left out: delivering it
 * would contradict the gap already told, and come out of order. Thread-safe: one event loop writes,
 * {@code /stats} reads from any.
 */
public final class MissedRanges {

    /** Where each new hole goes. */
    @FunctionalInterface
    public interface Listener {
        /** Indices {@code from}..{@code to} (inclusive) of {@code logUrl} were not received before {@code to + 1}. */
        void missed(String logUrl, long from, long to);
    }

    /** One inclusive range of indices. */
    public record Range(long from, long to) {
        long size() {
            return to - from + 1;
        }
    }

    /** The {@code gap} reason of such a range: this gateway never received it. */
    public static final String UNRECEIVED = "unreceived";

    /**
     * Holes kept per log for {@code /stats}: a log misses at most one range per split, so this covers a long
     * run of splits; older ones leave the list but stay in the totals.
     */
    static final int MAX_RANGES_PER_LOG = 32;

    private static final Logger LOG = LoggerFactory.getLogger(MissedRanges.class);

    private final Listener listener;
    private final Map<String, LogHoles> logs;
    private long missed;
    private long arrivedLate;

    /** @param maxLogs logs remembered (the least recently heard from is forgotten beyond it: the gateway's own bound) */
    public MissedRanges(int maxLogs, Listener listener) {
        this.listener = listener;
        this.logs = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LogHoles> eldest) {
                return size() > maxLogs;
            }
        };
    }

    /** A listener that logs each hole (what a gateway without replay does). */
    public static Listener logging() {
        return (log, from, to) -> LOG.warn("{}: indices {}..{} ({}) never reached this gateway; its clients miss them",
                log, from, to, to - from + 1);
    }

    /**
     * A certificate of {@code logUrl} at {@code index} arrived for the first time; false when it falls in a
     * hole already told (it is then counted in {@code arrived_late} and must not be delivered).
     */
    public boolean arrived(String logUrl, long index) {
        Range hole;
        synchronized (this) {
            LogHoles log = logs.get(logUrl);
            if (log == null) {
                logs.put(logUrl, new LogHoles(index));
                return true;
            }
            if (index <= log.highest) {
                if (log.holds(index)) {
                    arrivedLate++;
                    return false;
                }
                return true;
            }
            hole = index > log.highest + 1 ? new Range(log.highest + 1, index - 1) : null;
            log.highest = index;
            if (hole != null) {
                log.add(hole);
                missed += hole.size();
            }
        }
        if (hole != null) {
            listener.missed(logUrl, hole.from(), hole.to());
        }
        return true;
    }

    /** The holes still open of one log, oldest first. */
    public synchronized List<Range> ranges(String logUrl) {
        LogHoles log = logs.get(logUrl);
        return log == null ? List.of() : List.copyOf(log.holes);
    }

    /**
     * {@code {"missed": N, "arrived_late": N, "logs": {"<url>": [[from, to], ...]}}}: {@code arrived_late} counts
     * certificates of told holes left out; logs without holes are left out.
     */
    public synchronized JsonObject toJson() {
        JsonObject perLog = new JsonObject();
        logs.forEach((url, log) -> {
            if (!log.holes.isEmpty()) {
                JsonArray ranges = new JsonArray();
                log.holes.forEach(r -> ranges.add(new JsonArray().add(r.from()).add(r.to())));
                perLog.put(url, ranges);
            }
        });
        return new JsonObject().put("missed", missed).put("arrived_late", arrivedLate).put("logs", perLog);
    }

    /** One log's highest index received and its open holes, oldest first. */
    private static final class LogHoles {
        long highest;
        final List<Range> holes = new ArrayList<>();

        LogHoles(long first) {
            highest = first;
        }

        void add(Range hole) {
            holes.add(hole);
            if (holes.size() > MAX_RANGES_PER_LOG) {
                holes.remove(0);
            }
        }

        /** Whether a hole holds {@code index}. */
        boolean holds(long index) {
            for (Range r : holes) {
                if (index >= r.from() && index <= r.to()) {
                    return true;
                }
            }
            return false;
        }
    }
}
