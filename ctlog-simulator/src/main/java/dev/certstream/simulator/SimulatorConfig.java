package dev.certstream.simulator;

import dev.certstream.simulator.log.Lie;
import dev.certstream.simulator.log.LogListBuilder;
import dev.certstream.simulator.log.Profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a simulator run is made of; build it with {@link #builder()} (defaults below) or let
 * the CLI map its options to it. Immutable and validated on construction.
 *
 * @param host               interface to bind; URLs use it too (127.0.0.1 when it is 0.0.0.0)
 * @param port               0 = an ephemeral port
 * @param rfc6962Logs        generated RFC 6962 logs, served under /rfc0/, /rfc1/, ...
 * @param tiledLogs          generated static-ct-api logs: monitoring /mon/tiled0/, submission /sub/tiled0/
 * @param initialSize        entries each generated log holds at start
 * @param growthPerSecond    entries each log gains per second (0 = only {@code append} grows it)
 * @param pageCap            most entries one get-entries answer holds, like real logs' caps (32..1000)
 * @param checkpointPeriod   how often a tiled log publishes a new checkpoint
 * @param gzip               when static-ct-api responses are gzipped
 * @param seed               same seed, same keys and entries
 * @param poolSize           pre-built leaf certificates entries are made from (the start-up cost)
 * @param epochMs            timestamp of entry 0; certificates are valid around it
 * @param replayCerts        a directory of PEM/DER certificates served as RFC 6962 log /replay-certs/, or null
 * @param replayTiles        a static-ct tile tree (tile/data/...) served verbatim as /mon/replay-tiles/, or null
 * @param faultRate          fraction of requests (0..1) that fail with one of the enabled per-request faults
 * @param faults             enabled fault kinds; CORRUPT makes {@code corruptRate} of each generated log's entries garbage
 * @param corruptRate        fraction of indices holding garbage when CORRUPT is enabled (fixed at start)
 * @param sharedRate         fraction of indices (0..1) at which every generated log holds the same issuance, as
 *                           when a CA submits to several logs: some of those logs hold the very same certificate,
 *                           others its precertificate or final certificate (chosen per log and index)
 * @param retryAfterSeconds  Retry-After value of injected 429s
 * @param slowDelay          delay of a SLOW answer
 * @param timeoutCloseAfter  how long a TIMEOUT request hangs before its connection is closed
 * @param faultLogList       whether faults apply to /log_list.json too
 * @param partialTilesVanish whether partial tiles 404 once their tile is full, as real logs delete them
 * @param keptPartialSizes   published checkpoint sizes remembered for partial tiles when they do not vanish
 *                           (bounds memory in long runs; older partials have full tiles anyway)
 * @param witnessCosignature whether checkpoints carry a witness cosignature line clients must ignore
 * @param tileCacheTiles     built data tiles kept in memory (~400 KB each, twice with gzip) so many
 *                           readers of one tile do not rebuild it
 * @param workerThreads      threads that build pages and tiles off the event loop
 * @param logStates          initial log list state per log name ("rfc0", "tiled1", "replay-certs"...); default usable
 * @param extraJson          extra raw bodies served as application/json at these paths (e.g. "/other_list.json")
 * @param profile            which generated logs: STANDARD (rfc6962Logs + tiledLogs at growthPerSecond) or
 *                           FIREHOSE (48 logs shaped like the 2026 log list; the counts and growth are ignored)
 * @param rateScale          multiplies the firehose profile's per-log rates (catch-up bursts, small machines)
 * @param sthPeriod          how often an RFC 6962 log publishes a new STH; zero = get-sth always shows the live tree
 * @param liveTimestamps     entry timestamps follow the growth clock (entry i is stamped when steady growth
 *                           reached it), so receive time minus timestamp is a freshness; else epochMs + 50 ms x i
 * @param honourRange        whether data tiles answer {@code Range: bytes=N-} with 206; false answers 200 whole
 * @param operatorLimits     requests per second each operator accepts (over a sliding second) before it
 *                           answers 429 with Retry-After; key "*" applies to every operator without its own
 * @param hugePageLogs       logs whose get-entries pages and data tiles are {@code hugePageBytes} long (abuse tests)
 * @param hugePageBytes      length of a huge page, streamed chunked without Content-Length
 * @param lies               the lie each named log tells from the start ({@link Lie}); others are honest
 * @param alignedHeads       every log publishes its STH or checkpoint at the same moment (a worst case: a
 *                           second's entries of all logs appear at once); else each log keeps its own phase
 *                           within the period, as independent logs do
 */
public record SimulatorConfig(String host, int port, int rfc6962Logs, int tiledLogs, long initialSize,
                              double growthPerSecond, int pageCap, Duration checkpointPeriod, GzipMode gzip, long seed,
                              int poolSize, long epochMs, Path replayCerts, Path replayTiles, double faultRate,
                              Set<FaultKind> faults, double corruptRate, double sharedRate, int retryAfterSeconds,
                              Duration slowDelay,
                              Duration timeoutCloseAfter, boolean faultLogList, boolean partialTilesVanish,
                              int keptPartialSizes, boolean witnessCosignature, int tileCacheTiles, int workerThreads,
                              Map<String, String> logStates, Map<String, String> extraJson, Profile profile,
                              double rateScale, Duration sthPeriod, boolean liveTimestamps, boolean honourRange,
                              Map<String, Double> operatorLimits, Set<String> hugePageLogs, long hugePageBytes,
                              Map<String, Lie> lies, boolean alignedHeads) {

    /** 2026-01-01T00:00:00Z: a fixed default so the same seed gives the same bytes on every run. */
    public static final long DEFAULT_EPOCH_MS = 1_767_225_600_000L;

    public SimulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(checkpointPeriod, "checkpointPeriod");
        Objects.requireNonNull(gzip, "gzip");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(slowDelay, "slowDelay");
        Objects.requireNonNull(timeoutCloseAfter, "timeoutCloseAfter");
        Objects.requireNonNull(logStates, "logStates");
        Objects.requireNonNull(extraJson, "extraJson");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(sthPeriod, "sthPeriod");
        Objects.requireNonNull(operatorLimits, "operatorLimits");
        Objects.requireNonNull(hugePageLogs, "hugePageLogs");
        Objects.requireNonNull(lies, "lies");
        require(port >= 0 && port <= 65535, "port must be 0..65535: " + port);
        require(rfc6962Logs >= 0 && rfc6962Logs <= 100, "rfc6962Logs must be 0..100: " + rfc6962Logs);
        require(tiledLogs >= 0 && tiledLogs <= 100, "tiledLogs must be 0..100: " + tiledLogs);
        require(initialSize >= 0, "initialSize must be >= 0: " + initialSize);
        require(growthPerSecond >= 0 && growthPerSecond <= 1_000_000, "growthPerSecond must be 0..1000000: " + growthPerSecond);
        require(pageCap >= 1 && pageCap <= 10_000, "pageCap must be 1..10000: " + pageCap);
        require(checkpointPeriod.toMillis() >= 10, "checkpointPeriod must be >= 10 ms: " + checkpointPeriod);
        require(poolSize >= 1 && poolSize <= 100_000, "poolSize must be 1..100000: " + poolSize);
        require(faultRate >= 0 && faultRate <= 1, "faultRate must be 0..1: " + faultRate);
        require(corruptRate >= 0 && corruptRate <= 1, "corruptRate must be 0..1: " + corruptRate);
        require(sharedRate >= 0 && sharedRate <= 1, "sharedRate must be 0..1: " + sharedRate);
        require(retryAfterSeconds >= 0, "retryAfterSeconds must be >= 0: " + retryAfterSeconds);
        require(!slowDelay.isNegative() && !timeoutCloseAfter.isNegative(), "delays must not be negative");
        require(keptPartialSizes >= 1, "keptPartialSizes must be >= 1: " + keptPartialSizes);
        require(tileCacheTiles >= 0, "tileCacheTiles must be >= 0: " + tileCacheTiles);
        require(workerThreads >= 1 && workerThreads <= 64, "workerThreads must be 1..64: " + workerThreads);
        require(rateScale > 0 && rateScale <= 1000, "rateScale must be in (0, 1000]: " + rateScale);
        require(sthPeriod.isZero() || sthPeriod.toMillis() >= 10, "sthPeriod must be 0 or >= 10 ms: " + sthPeriod);
        require(hugePageBytes >= 1, "hugePageBytes must be positive: " + hugePageBytes);
        for (Map.Entry<String, Double> limit : operatorLimits.entrySet()) {
            require(limit.getValue() > 0, "operator limit of " + limit.getKey() + " must be > 0: " + limit.getValue());
        }
        faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        operatorLimits = Map.copyOf(operatorLimits);
        hugePageLogs = Set.copyOf(hugePageLogs);
        logStates = Map.copyOf(logStates);
        extraJson = Map.copyOf(extraJson);
        lies = Map.copyOf(lies);
        for (String state : logStates.values()) {
            require(LogListBuilder.STATES.contains(state), "unknown log state '" + state + "' (known: " + LogListBuilder.STATES + ")");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Fluent builder; every setter has the record component's name. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private int rfc6962Logs = 1;
        private int tiledLogs = 1;
        private long initialSize = 1000;
        private double growthPerSecond = 10;
        private int pageCap = 256;
        private Duration checkpointPeriod = Duration.ofSeconds(1);
        private GzipMode gzip = GzipMode.NEGOTIATED;
        private long seed = 1;
        private int poolSize = 300;
        private long epochMs = DEFAULT_EPOCH_MS;
        private Path replayCerts;
        private Path replayTiles;
        private double faultRate = 0;
        private Set<FaultKind> faults = EnumSet.of(FaultKind.RATE_LIMIT, FaultKind.SERVER_ERROR, FaultKind.SLOW,
                FaultKind.TIMEOUT, FaultKind.TRUNCATE, FaultKind.SHRINK);
        private double corruptRate = 0.01;
        private double sharedRate = 0;
        private int retryAfterSeconds = 1;
        private Duration slowDelay = Duration.ofSeconds(2);
        private Duration timeoutCloseAfter = Duration.ofSeconds(30);
        private boolean faultLogList = false;
        private boolean partialTilesVanish = true;
        private int keptPartialSizes = 4096;
        private boolean witnessCosignature = true;
        private int tileCacheTiles = 64;
        private int workerThreads = 2;
        private Map<String, String> logStates = new LinkedHashMap<>();
        private Map<String, String> extraJson = new LinkedHashMap<>();
        private Profile profile = Profile.STANDARD;
        private double rateScale = 1;
        private Duration sthPeriod = Duration.ZERO;
        private boolean liveTimestamps = false;
        private boolean honourRange = true;
        private Map<String, Double> operatorLimits = new LinkedHashMap<>();
        private Set<String> hugePageLogs = new java.util.LinkedHashSet<>();
        private long hugePageBytes = 256L << 20;
        private Map<String, Lie> lies = new LinkedHashMap<>();
        private boolean alignedHeads = false;

        private Builder() {
        }

        private Builder(SimulatorConfig c) {
            host = c.host; port = c.port; rfc6962Logs = c.rfc6962Logs; tiledLogs = c.tiledLogs;
            initialSize = c.initialSize; growthPerSecond = c.growthPerSecond; pageCap = c.pageCap;
            checkpointPeriod = c.checkpointPeriod; gzip = c.gzip; seed = c.seed; poolSize = c.poolSize;
            epochMs = c.epochMs; replayCerts = c.replayCerts; replayTiles = c.replayTiles; faultRate = c.faultRate;
            faults = c.faults.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(c.faults);
            corruptRate = c.corruptRate; sharedRate = c.sharedRate; retryAfterSeconds = c.retryAfterSeconds; slowDelay = c.slowDelay;
            timeoutCloseAfter = c.timeoutCloseAfter; faultLogList = c.faultLogList;
            partialTilesVanish = c.partialTilesVanish; keptPartialSizes = c.keptPartialSizes;
            witnessCosignature = c.witnessCosignature; tileCacheTiles = c.tileCacheTiles;
            workerThreads = c.workerThreads; logStates = new LinkedHashMap<>(c.logStates);
            extraJson = new LinkedHashMap<>(c.extraJson); profile = c.profile; rateScale = c.rateScale;
            sthPeriod = c.sthPeriod; liveTimestamps = c.liveTimestamps; honourRange = c.honourRange;
            operatorLimits = new LinkedHashMap<>(c.operatorLimits);
            hugePageLogs = new java.util.LinkedHashSet<>(c.hugePageLogs); hugePageBytes = c.hugePageBytes;
            lies = new LinkedHashMap<>(c.lies); alignedHeads = c.alignedHeads;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder rfc6962Logs(int v) { rfc6962Logs = v; return this; }
        public Builder tiledLogs(int v) { tiledLogs = v; return this; }
        public Builder initialSize(long v) { initialSize = v; return this; }
        public Builder growthPerSecond(double v) { growthPerSecond = v; return this; }
        public Builder pageCap(int v) { pageCap = v; return this; }
        public Builder checkpointPeriod(Duration v) { checkpointPeriod = v; return this; }
        public Builder gzip(GzipMode v) { gzip = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder poolSize(int v) { poolSize = v; return this; }
        public Builder epochMs(long v) { epochMs = v; return this; }
        public Builder replayCerts(Path v) { replayCerts = v; return this; }
        public Builder replayTiles(Path v) { replayTiles = v; return this; }
        public Builder faultRate(double v) { faultRate = v; return this; }
        public Builder faults(Set<FaultKind> v) { faults = v.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(v); return this; }
        public Builder corruptRate(double v) { corruptRate = v; return this; }
        public Builder sharedRate(double v) { sharedRate = v; return this; }
        public Builder retryAfterSeconds(int v) { retryAfterSeconds = v; return this; }
        public Builder slowDelay(Duration v) { slowDelay = v; return this; }
        public Builder timeoutCloseAfter(Duration v) { timeoutCloseAfter = v; return this; }
        public Builder faultLogList(boolean v) { faultLogList = v; return this; }
        public Builder partialTilesVanish(boolean v) { partialTilesVanish = v; return this; }
        public Builder keptPartialSizes(int v) { keptPartialSizes = v; return this; }
        public Builder witnessCosignature(boolean v) { witnessCosignature = v; return this; }
        public Builder tileCacheTiles(int v) { tileCacheTiles = v; return this; }
        public Builder workerThreads(int v) { workerThreads = v; return this; }
        public Builder logState(String logName, String state) { logStates.put(logName, state); return this; }
        public Builder extraJson(String path, String body) { extraJson.put(path, body); return this; }
        public Builder rateScale(double v) { rateScale = v; return this; }
        public Builder sthPeriod(Duration v) { sthPeriod = v; return this; }
        public Builder liveTimestamps(boolean v) { liveTimestamps = v; return this; }
        public Builder honourRange(boolean v) { honourRange = v; return this; }
        public Builder operatorLimit(String operator, double perSecond) { operatorLimits.put(operator, perSecond); return this; }
        public Builder hugePages(String logName) { hugePageLogs.add(logName); return this; }
        public Builder hugePageBytes(long v) { hugePageBytes = v; return this; }
        public Builder alignedHeads(boolean v) { alignedHeads = v; return this; }

        /**
         * Chooses the generated logs. FIREHOSE also sets what makes it a freshness benchmark: 1-second
         * checkpoints and STHs and live timestamps (set them again afterwards to change them).
         */
        public Builder profile(Profile v) {
            profile = v;
            if (v == Profile.FIREHOSE) {
                checkpointPeriod = Duration.ofSeconds(1);
                sthPeriod = Duration.ofSeconds(1);
                liveTimestamps = true;
            }
            return this;
        }
        public Builder lie(String logName, Lie lie) { lies.put(logName, lie); return this; }

        public SimulatorConfig build() {
            return new SimulatorConfig(host, port, rfc6962Logs, tiledLogs, initialSize, growthPerSecond, pageCap,
                    checkpointPeriod, gzip, seed, poolSize, epochMs, replayCerts, replayTiles, faultRate, faults,
                    corruptRate, sharedRate, retryAfterSeconds, slowDelay, timeoutCloseAfter, faultLogList,
                    partialTilesVanish, keptPartialSizes, witnessCosignature, tileCacheTiles, workerThreads, logStates,
                    extraJson, profile, rateScale, sthPeriod, liveTimestamps, honourRange, operatorLimits, hugePageLogs,
                    hugePageBytes, lies, alignedHeads);
        }
    }
}
