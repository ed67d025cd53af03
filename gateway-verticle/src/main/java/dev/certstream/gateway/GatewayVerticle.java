package dev.certstream.gateway;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.node.ClusterView;
import dev.certstream.gateway.access.ClientGate;
import dev.certstream.gateway.access.HeaderDeadlines;
import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.filter.FilterEntry;
import dev.certstream.gateway.filter.IndexSnapshot;
import dev.certstream.gateway.filter.MatchMemo;
import dev.certstream.gateway.filter.MatchScratch;
import dev.certstream.gateway.heal.MissedRanges;
import dev.certstream.gateway.resume.LogIds;
import dev.certstream.gateway.resume.ReplayBuffer;
import dev.certstream.gateway.stream.StreamHub;
import dev.certstream.node.ConfigException;
import dev.certstream.node.DuplicateFilter;
import dev.certstream.node.EventLoopBacklog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * One gateway instance: its own HTTP server on the shared port, its own sockets and its own consumer of
 * every certificate. Deploy it with {@link #deploy}, which runs {@code config.instances()} of them (one per
 * event loop) around what they share ({@link GatewayServices}). Instance 0 also speaks for the process: it
 * feeds the replay buffer, reports the gateway's status and answers peer gateways' replay requests.
 */
public final class GatewayVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
    private static final FilterEntry[] NO_MATCH = new FilterEntry[0];

    private final GatewayConfig config;
    private final GatewayServices services;
    private final GatewayMetrics metrics;
    private final ClusterView cluster;
    private final MissedRanges missed;
    /** The same holes as {@link #missed}, noted by this instance, whose clients it tells before going on. */
    private MissedRanges holes;
    private final int instance;
    private final boolean countsCertificates;
    private final MatchScratch scratch = new MatchScratch();
    private final ReplayBuffer buffer;
    private StreamHub hub;
    private DuplicateFilter duplicates;
    private EventLoopBacklog backlog;
    private final List<Long> timers = new ArrayList<>();
    /** Certificates gathered during the current linger window, sent together by {@link #fanOut}. */
    private final ArrayList<CertificateEnvelope> gathered = new ArrayList<>();
    private long lingerTimer = -1;

    GatewayVerticle(GatewayConfig config, GatewayServices services, ClusterView cluster, MissedRanges missed) {
        this.config = config;
        this.services = services;
        this.metrics = services.metrics();
        this.cluster = cluster;
        this.missed = missed;
        this.instance = services.registry().nextInstanceIndex();
        this.buffer = services.streams().buffer();
        // Every instance receives every certificate; one of them feeds the certificate meters, the replay buffer
        // and matches each certificate as it arrives, so the others mostly find the result in the memo.
        this.countsCertificates = instance == 0;
    }

    /**
     * Deploys {@code config.instances()} gateway instances sharing one port (a taken port fails naming
     * {@code PORT}). {@code meters} should be the registry given to {@code NodeMetrics.instrument} so
     * {@code /metrics} also shows Vert.x's figures.
     */
    public static Future<GatewayDeployment> deploy(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry meters) {
        return deploy(vertx, config, meters, null);
    }

    /**
     * {@link #deploy(Vertx, GatewayConfig, PrometheusMeterRegistry)} for a clustered gateway: {@code /ready}
     * also needs its side of the cluster to hold the quorum, and {@code /stats} shows its {@code cluster}.
     */
    public static Future<GatewayDeployment> deploy(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry meters,
                                                   ClusterView cluster) {
        CertificateEnvelope.registerCodec(vertx.eventBus());
        // What this gateway never received (a split), noted by the instance that counts; replay hooks in here.
        MissedRanges missed = new MissedRanges(config.maxLogs(), MissedRanges.logging());
        return GatewayAssembly.services(vertx, config, meters).compose(services ->
                vertx.deployVerticle(() -> new GatewayVerticle(config, services, cluster, missed),
                                new DeploymentOptions().setInstances(config.instances()))
                        .map(id -> new GatewayDeployment(id, services.registry(), services.filters(), services.streams().buffer()))
                        .recover(failure -> {
                            GatewayAssembly.close(services);
                            return Future.failedFuture(ConfigException.whenPortTaken(failure, "PORT", config.host(), config.port()));
                        }));
    }

    @Override
    public Future<?> start() {
        hub = new StreamHub(vertx, instance, config, services.streams());
        backlog = new EventLoopBacklog(context);
        services.registry().instanceBacklog(backlog);
        duplicates = new DuplicateFilter(config.maxLogs());
        holes = new MissedRanges(config.maxLogs(), this::tellHole);
        StreamAdmission admission = new StreamAdmission(config, services);
        StreamRoutes streams = new StreamRoutes(hub, admission, config);
        SseRoutes events = new SseRoutes(hub, admission, config);
        ApiRoutes api = new ApiRoutes(vertx, config, services, cluster, missed);
        HttpServerOptions options = new HttpServerOptions()
                // With h2c detection Vert.x creates the connection (and calls connectionHandler) only once a whole
                // request head arrived, so a connection that never completes one could not be timed out. The
                // streams are HTTP/1.1 (websocket upgrade, SSE) anyway.
                .setHttp2ClearTextEnabled(false)
                // The request line carries the filter: room for the longest query accepted plus path and method.
                .setMaxInitialLineLength(config.subscriptions().filters().maxQueryBytes() + 1024)
                .setMaxWebSocketFrameSize(config.maxClientFrameBytes())
                .setMaxWebSocketMessageSize(config.maxClientFrameBytes())
                // Compression would deflate every message once per socket: the opposite of write once, send many.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
        MessageConsumer<Object> consumer = vertx.eventBus().consumer(BusAddresses.CERTIFICATES, this::onCertificate);
        if (!config.heartbeatInterval().isZero()) {
            every(config.heartbeatInterval().toMillis(), () -> hub.heartbeat(System.currentTimeMillis()));
        }
        every(config.pingInterval().toMillis(), hub::pingOrExpireAll);
        every(config.subscriptions().sse().heartbeatInterval().toMillis(), () -> hub.sseHeartbeat(System.currentTimeMillis()));
        every(config.subscriptions().replay().cursorInterval().toMillis(), hub::cursorTick);
        HeaderDeadlines deadlines = new HeaderDeadlines(vertx, config.subscriptions().clients().headerTimeout(),
                metrics::headerTimeout);
        Future<?> processDuties = countsCertificates ? new ProcessDuties(vertx, config, services, this::every).start()
                : Future.succeededFuture();
        // A negative port asks Vert.x for one random port shared by every instance (0 would give each its own).
        int port = config.port() == 0 ? -1 : config.port();
        io.vertx.ext.web.Router router = GatewayRouter.create(vertx, streams, events, api);
        return Future.all(consumer.completion(), processDuties)
                .compose(registered -> vertx.createHttpServer(options)
                        .connectionHandler(connection -> {
                            FlushConsolidation.install(connection, config.flushConsolidation());
                            deadlines.opened(connection);
                        })
                        .requestHandler(request -> {
                            deadlines.requestArrived(request);
                            router.handle(request);
                        })
                        .listen(port, config.host()))
                .onSuccess(server -> {
                    services.registry().port(server.actualPort());
                    LOG.info("gateway instance listening on {}:{}", config.host(), server.actualPort());
                });
    }

    private void every(long millis, Runnable task) {
        timers.add(vertx.setPeriodic(millis, id -> task.run()));
    }

    @Override
    public Future<?> stop() {
        timers.forEach(vertx::cancelTimer);
        vertx.cancelTimer(lingerTimer);
        hub.closeAll(StreamHub.CLOSE_GOING_AWAY, "server stopping");
        if (countsCertificates) {
            GatewayAssembly.close(services);
        }
        return Future.succeededFuture();
    }

    private void onCertificate(Message<Object> message) {
        if (!(message.body() instanceof CertificateEnvelope envelope)) {
            LOG.warn("ignored a non-envelope body on {}", BusAddresses.CERTIFICATES);
            return;
        }
        if (!duplicates.firstTime(envelope.logUrl(), envelope.index())) {
            return;
        }
        // False for a certificate of a range already told as a gap (unreceived): delivering it now would
        // contradict the notice and come out of order, so neither the clients nor the buffer get it.
        boolean inOrder = holes.arrived(envelope.logUrl(), envelope.index());
        if (countsCertificates) {
            if (buffer != null && inOrder) {
                // Appended on arrival, before any instance's linger ends, so a replay finds what the hubs passed.
                buffer.append(envelope, LogIds.of(envelope.logUrl()));
            }
            metrics.certificate(envelope.logUrl(), envelope.entryType());
            missed.arrived(envelope.logUrl(), envelope.index());
        }
        if (!inOrder) {
            return;
        }
        if (backlogged()) {
            // Behind already: no matching, no sending; the buffer has it (above), and clients that asked are
            // told the gap. Nothing is shed before the bus: a publisher in this JVM (the embedded watcher) holds
            // at half this backlog instead (PublishGate), and one that is shed there would be lost without a word.
            hub.shed(envelope);
            services.registry().shedCertificate();
            return;
        }
        if (countsCertificates) {
            IndexSnapshot index = services.filters().snapshot();
            if (!index.isEmpty()) {
                metrics.matched(services.memo().matches(index, envelope, scratch));
            }
        }
        long linger = config.fanoutLinger().toMillis();
        if (linger <= 0) {
            send(envelope);
            hub.countFilteredSends();
            return;
        }
        gathered.add(envelope);
        if (gathered.size() >= config.fanoutBatch()) {
            vertx.cancelTimer(lingerTimer);
            fanOut();
        } else if (gathered.size() == 1) {
            lingerTimer = vertx.setTimer(linger, id -> fanOut());
        }
    }

    /**
     * Whether more tasks wait on this instance's event loop than the configured backlog: certificates are
     * then arriving faster than they can be sent, and every one queued would only add memory and delay.
     */
    private boolean backlogged() {
        return backlog.pendingTasks() > config.fanoutBacklog();
    }

    /**
     * A range of a log this gateway never received (its side of a split published nothing): every client is
     * told it as a {@code gap} (those that asked for notices) before anything after it, so what it gathered
     * goes out first. The replay from a peer that received the range is not wired yet (README, network splits).
     */
    private void tellHole(String logUrl, long from, long to) {
        if (!gathered.isEmpty()) {
            vertx.cancelTimer(lingerTimer);
            fanOut();
        }
        hub.unreceived(logUrl, from, to, MissedRanges.UNRECEIVED);
    }

    /**
     * Sends the gathered certificates in one event-loop task: each plain websocket client gets the window as
     * one run of shared frames (see {@link StreamHub#beginFanOut}), the others one write per certificate with
     * flush consolidation merging their flushes.
     */
    private void fanOut() {
        lingerTimer = -1;
        hub.beginFanOut();
        try {
            for (CertificateEnvelope envelope : gathered) {
                send(envelope);
            }
        } finally {
            hub.endFanOut();
        }
        gathered.clear();
        hub.countFilteredSends();
    }

    private void send(CertificateEnvelope envelope) {
        FilterEntry[] matches = hub.hasFiltered()
                ? services.memo().matches(services.filters().snapshot(), envelope, scratch) : NO_MATCH;
        hub.broadcast(envelope, matches);
    }
}
