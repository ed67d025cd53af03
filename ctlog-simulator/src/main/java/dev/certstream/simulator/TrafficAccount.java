package dev.certstream.simulator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's politeness accounting: every request is recorded here (by the HTTP verticle) and
 * {@link #report()} turns it into a {@link TrafficReport}. Every map is bounded. Thread-safe
 * (synchronized: the verticle's event loop writes, tests and {@code /_stats} read).
 */
final class TrafficAccount {

    /** Distinct User-Agents remembered; a client making up a new one per request cannot grow the heap. */
    static final int MAX_USER_AGENTS = 64;
    /** Repeated partial tiles listed per log in the report (they are all counted). */
    static final int MAX_LISTED_REPEATS = 20;
    /**
     * (tile, width, checkpoint) keys remembered per log: a log growing at 650/s with 1 s checkpoints
     * makes a few a second, and a repeat comes within seconds of the first fetch, so the oldest can go.
     */
    private static final int MAX_PARTIAL_KEYS = 4096;
    /**
     * A request arriving this soon after a 429 was sent is not counted as an early retry: the client may
     * have sent it (another request in flight) before it read the 429.
     */
    static final long IN_FLIGHT_GRACE_MS = 250;

    /** A log's or an operator's running figures. */
    private static final class Counts {
        final SlidingSecond rate = new SlidingSecond();
        long requests;
        long bytes;
        long ranged;
        long partialContent;
        long partialFetches;
        long partialRepeats;
        long tooMany;
        long earlyRetries;
        long hugePages;
        long retrySentMs = Long.MIN_VALUE;
        long retryNotBeforeMs = Long.MIN_VALUE;
        final Map<String, Integer> partials = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > MAX_PARTIAL_KEYS;
            }
        };
        final Map<String, Integer> repeated = new LinkedHashMap<>();

        /** Counts an early retry if this request came inside the Retry-After of the last 429, past the grace. */
        void checkRetry(long nowMs) {
            if (nowMs < retryNotBeforeMs && nowMs - retrySentMs > IN_FLIGHT_GRACE_MS) {
                earlyRetries++;
            }
        }

        void sent429(long nowMs, long retryAfterMs) {
            tooMany++;
            retrySentMs = nowMs;
            retryNotBeforeMs = Math.max(retryNotBeforeMs, nowMs + retryAfterMs);
        }
    }

    private final Map<String, Counts> logs = new LinkedHashMap<>();
    private final Map<String, String> operatorOf = new HashMap<>();
    private final Map<String, Counts> operators = new LinkedHashMap<>();
    private final Map<String, Long> userAgents = new LinkedHashMap<>();
    private long otherUserAgents;
    private long requests;
    private long otherRequests;

    /** Records a request's arrival; {@code log} is null for the log list, extra JSON and unknown paths. */
    synchronized void request(SimulatedLog log, String userAgent, boolean ranged, long nowMs) {
        requests++;
        String agent = userAgent == null ? "" : userAgent;
        if (userAgents.containsKey(agent) || userAgents.size() < MAX_USER_AGENTS) {
            userAgents.merge(agent, 1L, Long::sum);
        } else {
            otherUserAgents++;
        }
        if (log == null) {
            otherRequests++;
            return;
        }
        Counts counts = log(log);
        counts.requests++;
        counts.rate.record(nowMs);
        counts.ranged += ranged ? 1 : 0;
        counts.checkRetry(nowMs);
        Counts operator = operator(log);
        operator.requests++;
        operator.rate.record(nowMs);
        operator.checkRetry(nowMs);
    }

    /** A 429 went out with this Retry-After; {@code operatorWide} when the operator's limit caused it. */
    synchronized void tooManyRequests(SimulatedLog log, boolean operatorWide, long retryAfterMs, long nowMs) {
        log(log).sent429(nowMs, retryAfterMs);
        if (operatorWide) {
            operator(log).sent429(nowMs, retryAfterMs);
        }
    }

    /** An answer went out (its body length as sent). */
    synchronized void served(SimulatedLog log, int status, long bytes) {
        if (log != null) {
            Counts counts = log(log);
            counts.bytes += bytes;
            counts.partialContent += status == 206 ? 1 : 0;
        }
    }

    /** A partial data tile was served while the checkpoint of {@code checkpointSize} was current. */
    synchronized void partialTile(SimulatedLog log, TilePath tile, long checkpointSize) {
        Counts counts = log(log);
        counts.partialFetches++;
        String key = tile.encode() + "@" + checkpointSize;
        int times = counts.partials.merge(key, 1, Integer::sum);
        if (times > 1) {
            counts.partialRepeats++;
            if (counts.repeated.containsKey(key) || counts.repeated.size() < MAX_LISTED_REPEATS) {
                counts.repeated.put(key, times);
            }
        }
    }

    synchronized void hugePage(SimulatedLog log) {
        log(log).hugePages++;
    }

    /** Bytes streamed by a huge page (counted as they are written). */
    synchronized void streamed(SimulatedLog log, long bytes) {
        log(log).bytes += bytes;
    }

    synchronized TrafficReport report() {
        Map<String, TrafficReport.LogTraffic> perLog = new LinkedHashMap<>();
        logs.forEach((name, c) -> perLog.put(name, new TrafficReport.LogTraffic(operatorOf.get(name), c.requests,
                c.rate.max(), c.bytes, c.ranged, c.partialContent, c.partialFetches, c.partialRepeats,
                Map.copyOf(c.repeated), c.tooMany, c.earlyRetries, c.hugePages)));
        Map<String, TrafficReport.OperatorTraffic> perOperator = new LinkedHashMap<>();
        operators.forEach((name, c) -> perOperator.put(name,
                new TrafficReport.OperatorTraffic(c.requests, c.rate.max(), c.tooMany, c.earlyRetries)));
        return new TrafficReport(requests, otherRequests, perLog, perOperator, new LinkedHashMap<>(userAgents),
                otherUserAgents);
    }

    /** Forgets everything (a test starting a new phase). */
    synchronized void reset() {
        logs.clear();
        operators.clear();
        userAgents.clear();
        otherUserAgents = 0;
        requests = 0;
        otherRequests = 0;
    }

    private Counts log(SimulatedLog log) {
        operatorOf.put(log.name(), log.operator());
        return logs.computeIfAbsent(log.name(), name -> new Counts());
    }

    private Counts operator(SimulatedLog log) {
        return operators.computeIfAbsent(log.operator(), name -> new Counts());
    }
}
