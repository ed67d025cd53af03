package dev.certstream.watcher;

import dev.certstream.render.EntryRenderer;
import dev.certstream.watcher.cluster.FileProgressStore;
import dev.certstream.watcher.cluster.LogAssignment;
import dev.certstream.watcher.cluster.ProgressStore;
import dev.certstream.watcher.ct.CtHttpClient;
import dev.certstream.watcher.ct.LogClient;
import dev.certstream.watcher.ct.OperatorBudgets;
import dev.certstream.watcher.ct.LogList;
import dev.certstream.watcher.ct.LogListLoader;
import dev.certstream.watcher.ct.LogListParser;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.ct.LogType;
import dev.certstream.watcher.follow.EnvelopeRenderer;
import dev.certstream.watcher.follow.FetchBudget;
import dev.certstream.watcher.follow.IssuerCache;
import dev.certstream.watcher.follow.LogFollower;
import dev.certstream.watcher.follow.LogReader;
import dev.certstream.watcher.follow.PartialTileGate;
import dev.certstream.watcher.follow.PublishGate;
import dev.certstream.watcher.follow.PublishPath;
import dev.certstream.watcher.follow.Rfc6962Reader;
import dev.certstream.watcher.follow.TiledReader;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.LogStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The watcher: reads the log list (and re-reads it), runs one {@link LogFollower} per followed log,
 * publishes every certificate on {@link BusAddresses#CERTIFICATES} and each log's state on
 * {@link BusAddresses#LOG_STATUS}.
 */
public final class WatcherVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(WatcherVerticle.class);

    private final WatcherConfig config;
    private final ProgressStore progress;
    private final String watcherId;
    private final WatcherMetrics metrics;
    private final Map<LogSource, LogFollower> followers = new LinkedHashMap<>();
    private final Set<LogSource> listed = new LinkedHashSet<>();
    private final LogAssignment assignment;
    private final LocalBacklog localBacklog;
    private boolean listLoaded;
    private boolean rebalancing;
    private boolean rebalanceAgain;
    private CtHttpClient http;
    private WorkerExecutor workers;
    private EnvelopeRenderer envelopes;
    private IssuerCache issuers;
    private OperatorBudgets budgets;
    private volatile PublishGate gate;
    private volatile FetchBudget fetchBudget;
    private LogListLoader loader;
    private final List<Long> timers = new ArrayList<>();

    /** A watcher that follows every listed log (single JVM). */
    public WatcherVerticle(WatcherConfig config, ProgressStore progress, WatcherMetrics metrics, String watcherId) {
        this(config, progress, metrics, watcherId, LogAssignment.ALL);
    }

    /**
     * @param progress   where progress is kept (a {@link FileProgressStore}, or the cluster's)
     * @param watcherId  this watcher's name in status reports
     * @param assignment which listed logs this watcher follows (all, or its share in a cluster)
     */
    public WatcherVerticle(WatcherConfig config, ProgressStore progress, WatcherMetrics metrics, String watcherId,
                           LogAssignment assignment) {
        this(config, progress, metrics, watcherId, assignment, LocalBacklog.NONE);
    }

    /** @param localBacklog the consumers in this JVM whose backlog holds publishing (the embedded server's gateway) */
    public WatcherVerticle(WatcherConfig config, ProgressStore progress, WatcherMetrics metrics, String watcherId,
                           LogAssignment assignment, LocalBacklog localBacklog) {
        this.config = config;
        this.progress = progress;
        this.metrics = metrics;
        this.watcherId = watcherId;
        this.assignment = assignment;
        this.localBacklog = localBacklog;
    }

    @Override
    public Future<?> start() {
        CertificateEnvelope.registerCodec(vertx.eventBus());
        assignment.onLapse(this::onOwnershipLapsed);
        http = new CtHttpClient(vertx, config);
        budgets = new OperatorBudgets(vertx, config.politeness().operatorRate(), metrics);
        gate = localBacklog == LocalBacklog.NONE ? PublishGate.alwaysOpen(vertx)
                : new PublishGate(vertx, localBacklog.tasks(), localBacklog.holdAbove(), localBacklog.resumeAt());
        fetchBudget = new FetchBudget(config.pacing().fetchBudgetBytes());
        metrics.monitorPublishing(fetchBudget, gate);
        if (config.politeness().contact() == null) {
            LOG.warn("CERTSTREAM_CONTACT is not set: log operators ask monitors for a contact in the User-Agent");
        }
        workers = vertx.createSharedWorkerExecutor("certstream-parse", config.decoding().parseThreads());
        EntryRenderer renderer = new EntryRenderer(config.decoding().chainCacheSize());
        metrics.monitorCache("chain_certificates", renderer.chainCache().cache());
        envelopes = new EnvelopeRenderer(renderer);
        issuers = new IssuerCache(config.decoding().issuerCacheSize(), config.pacing().maxDecodeRetries(), metrics);
        loader = new LogListLoader(vertx, http, config.logList().url(), config.progress().dataDir(),
                new LogListParser(config.logList().includePending()), config.logList().bundledFallback(),
                config.logList().signature());
        return loader.initial().onSuccess(this::onLogList)
                .onFailure(e -> {
                    LOG.error("no log list yet, following only custom logs and retrying: {}", e.getMessage());
                    onLogList(new LogList(List.of(), List.of()));
                    listLoaded = false;
                })
                .otherwiseEmpty()
                .onComplete(done -> {
                    timers.add(vertx.setPeriodic(config.logList().refresh().toMillis(), t -> refreshLogList()));
                    // Until a first list arrives, ask again often rather than once per refresh interval.
                    long retry = Math.min(config.logList().refresh().toMillis(), 10_000);
                    timers.add(vertx.setPeriodic(retry, t -> {
                        if (!listLoaded) {
                            refreshLogList();
                        }
                    }));
                    timers.add(vertx.setPeriodic(config.progress().statusInterval().toMillis(), t -> publishStatus()));
                    if (assignment != LogAssignment.ALL) {
                        // Cluster membership changes between list reads: take over and hand over logs.
                        timers.add(vertx.setPeriodic(config.cluster().rebalanceInterval().toMillis(), t -> rebalance()));
                    }
                });
    }

    private void refreshLogList() {
        loader.fetch().onSuccess(this::onLogList)
                .onFailure(e -> LOG.warn("log list refresh failed, keeping the previous one: {}", e.getMessage()));
    }

    private void onLogList(LogList list) {
        listLoaded = true;
        listed.clear();
        listed.addAll(list.logs());
        listed.addAll(config.logList().customLogs());
        LOG.info("log list: {} logs to follow ({} entries skipped)", listed.size(), list.skipped().size());
        list.skipped().forEach(reason -> LOG.debug("log list skipped {}", reason));
        rebalance();
    }

    /** Asks the assignment which listed logs are ours now, then starts and stops followers to match. */
    private void rebalance() {
        if (rebalancing) {
            rebalanceAgain = true;
            return;
        }
        rebalancing = true;
        assignment.owned(new LinkedHashSet<>(listed)).onComplete(result -> {
            if (result.succeeded()) {
                reconcile(result.result());
            } else {
                LOG.warn("cannot tell which logs to follow: {}", result.cause().getMessage());
            }
            rebalancing = false;
            if (rebalanceAgain) {
                rebalanceAgain = false;
                rebalance();
            }
        });
    }

    /** Starts followers for newly owned logs; stops the others, saves their progress, then releases them. */
    private void reconcile(Set<LogSource> owned) {
        // A follower that withheld a batch publishes nothing more: a new one resumes from progress if still ours.
        followers.entrySet().removeIf(entry -> {
            if (entry.getValue().withheld()) {
                LOG.info("{}: replacing its follower, which withheld what it fetched after ownership lapsed", entry.getKey());
                entry.getValue().stop();
                return true;
            }
            return false;
        });
        List<LogSource> stopped = new ArrayList<>();
        followers.entrySet().removeIf(entry -> {
            if (owned.contains(entry.getKey())) {
                return false;
            }
            LOG.info("{}: no longer followed here", entry.getKey());
            entry.getValue().stop();
            stopped.add(entry.getKey());
            return true;
        });
        if (!stopped.isEmpty()) {
            progress.flush().onComplete(saved -> stopped.forEach(assignment::release));
        }
        // A log held but neither owned nor followed (it moved away before its follower started) is
        // released at once, or nobody would ever follow it.
        for (LogSource log : listed) {
            if (!owned.contains(log) && !followers.containsKey(log) && !stopped.contains(log)) {
                assignment.release(log);
            }
        }
        for (LogSource log : owned) {
            followers.computeIfAbsent(log, this::startFollower);
        }
    }

    private LogFollower startFollower(LogSource log) {
        LogClient client = new LogClient(http, budgets.of(log), metrics, log);
        metrics.monitorCost(log.url());
        LogReader reader = log.type() == LogType.RFC6962
                ? new Rfc6962Reader(workers, client, envelopes, log)
                : new TiledReader(workers, client, envelopes, issuers, log, new PartialTileGate(
                        config.fetching().partialTileWait().toMillis(), config.fetching().wholePartialInterval().toMillis()),
                        metrics);
        PublishPath path = new PublishPath(envelope -> vertx.eventBus().publish(BusAddresses.CERTIFICATES, envelope),
                assignment::mayPublish, gate, fetchBudget);
        LogFollower follower = new LogFollower(vertx, reader, progress, path, config, metrics, watcherId);
        follower.start();
        return follower;
    }

    /**
     * This watcher stood still so long that the cluster may have handed its logs over: every follower
     * stops at once, and progress not yet persisted is dropped, since what was published just before the
     * standstill may never have arrived (the next owner publishes it again; receivers drop duplicates).
     */
    private void onOwnershipLapsed() {
        LOG.warn("stood still long enough for the cluster to hand this watcher's logs over: stopping all {}"
                + " followers; unsaved progress dropped", followers.size());
        progress.discardUnsaved();
        followers.values().forEach(LogFollower::stop);
        followers.clear();
    }

    private void publishStatus() {
        for (LogFollower follower : followers.values()) {
            vertx.eventBus().publish(BusAddresses.LOG_STATUS, follower.status().toJson());
        }
    }

    /** The logs the current list (with custom logs) names, followed here or not. */
    public Future<List<LogSource>> listedLogs() {
        return onContext(() -> List.copyOf(listed));
    }

    /** The followed logs' current status. */
    public Future<List<LogStatus>> statuses() {
        return onContext(() -> followers.values().stream().map(LogFollower::status).toList());
    }

    /**
     * The watcher's part of its /stats: {@code logs} (each followed log's {@link LogFollower#stats()} by URL),
     * {@code operators} (each log operator's request budget as this watcher uses it), {@code held} (the
     * logs it holds in the cluster, URL to when it took them, epoch ms) and {@code memory.watcher}.
     */
    public Future<JsonObject> stats() {
        return onContext(() -> {
            JsonObject logs = new JsonObject();
            followers.forEach((log, follower) -> logs.put(log.url(), follower.stats()));
            JsonObject held = new JsonObject();
            assignment.heldSince().forEach(held::put);
            return new JsonObject().put("logs", logs).put("operators", budgets.toJson()).put("held", held)
                    .put("memory", new JsonObject().put("watcher", memoryJson()));
        });
    }

    /**
     * What the watcher holds between fetching and publishing ({@code fetch_budget}: bytes used now and at
     * most, the limit, how often a log waited for room) and how often publishing waited for this JVM's consumers
     * ({@code publish_gate}: holds, milliseconds held). Thread-safe: other verticles' stats pages read it.
     */
    public JsonObject memoryJson() {
        JsonObject budget = fetchBudget == null ? new JsonObject() : new JsonObject().put("used_bytes", fetchBudget.used())
                .put("peak_bytes", fetchBudget.peak()).put("limit_bytes", fetchBudget.limit()).put("waits", fetchBudget.waits());
        JsonObject held = gate == null ? new JsonObject()
                : new JsonObject().put("holds", gate.holds()).put("held_ms", gate.heldMillis());
        return new JsonObject().put("fetch_budget", budget).put("publish_gate", held);
    }

    /** Reads this verticle's state on its own event loop, whoever asks. */
    private <T> Future<T> onContext(java.util.function.Supplier<T> read) {
        io.vertx.core.Promise<T> promise = io.vertx.core.Promise.promise();
        context.runOnContext(v -> promise.complete(read.get()));
        return promise.future();
    }

    @Override
    public Future<?> stop() {
        timers.forEach(vertx::cancelTimer);
        followers.values().forEach(LogFollower::stop);
        followers.clear();
        return progress.flush().eventually(assignment::close).eventually(() -> {
            http.close();
            return workers.close();
        });
    }
}
