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
 * a log's highest index and a higher one, and shrinks a hole when a certificate in it arrives late. Each hole
 * goes to a {@link Listener}: the place where a gateway replays the range to its clients (from a peer gateway
 * that received it) or tells them the exact gap, once the resume machinery is there; until then it is logged
 * and shown in {@code /stats}. Thread-safe: one event loop writes, {@code /stats} reads from any.
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

    /** A certificate of {@code logUrl} at {@code index} arrived for the first time. */
    public void arrived(String logUrl, long index) {
        Range hole;
        synchronized (this) {
            LogHoles log = logs.get(logUrl);
            if (log == null) {
                logs.put(logUrl, new LogHoles(index));
                return;
            }
            if (index <= log.highest) {
                if (log.fill(index)) {
                    missed--;
                    arrivedLate++;
                }
                return;
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
    }

    /** The holes still open of one log, oldest first. */
    public synchronized List<Range> ranges(String logUrl) {
        LogHoles log = logs.get(logUrl);
        return log == null ? List.of() : List.copyOf(log.holes);
    }

    /** {@code {"missed": N, "arrived_late": N, "logs": {"<url>": [[from, to], ...]}}}, logs without holes left out. */
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

        /** Takes {@code index} out of the hole holding it; false when no hole holds it. */
        boolean fill(long index) {
            for (int i = 0; i < holes.size(); i++) {
                Range r = holes.get(i);
                if (index >= r.from() && index <= r.to()) {
                    holes.remove(i);
                    if (index < r.to()) {
                        holes.add(i, new Range(index + 1, r.to()));
                    }
                    if (r.from() < index) {
                        holes.add(i, new Range(r.from(), index - 1));
                    }
                    return true;
                }
            }
            return false;
        }
    }
}
