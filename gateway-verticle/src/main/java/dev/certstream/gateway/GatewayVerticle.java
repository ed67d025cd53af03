package dev.certstream.gateway;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.node.ClusterView;
import dev.certstream.node.ConfigException;
import dev.certstream.gateway.access.ClientGate;
import dev.certstream.gateway.access.HeaderDeadlines;
import dev.certstream.gateway.access.TokenStore;
import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.filter.FilterEntry;
import dev.certstream.gateway.filter.IndexSnapshot;
import dev.certstream.gateway.filter.MatchMemo;
import dev.certstream.gateway.filter.MatchScratch;
import dev.certstream.gateway.heal.MissedRanges;
import dev.certstream.node.DuplicateFilter;
import dev.certstream.node.EventLoopBacklog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway instance: its own HTTP server on the shared port, its own sockets and its own consumer of
 * every certificate. Deploy it with {@link #deploy}, which runs {@code config.instances()} of them (one per
 * event loop) around one shared {@link ClientRegistry}.
 */
public final class GatewayVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

    private static final FilterEntry[] NO_MATCH = new FilterEntry[0];

    private final GatewayConfig config;
    private final GatewayServices services;
    private final ClientRegistry registry;
    private final GatewayMetrics metrics;
    private final ClusterView cluster;
    private final MissedRanges missed;
    private final int instance;
    private final boolean countsCertificates;
    private final MatchScratch scratch = new MatchScratch();
    private StreamHub hub;
    private long sseHeartbeatTimer = -1;
    private long tokensTimer = -1;
    private EventLoopBacklog backlog;
    private DuplicateFilter duplicates;
    private long heartbeatTimer = -1;
    private long pingTimer = -1;
    private long statusTimer = -1;
    private FanoutGate fanoutGate;
    /** Certificates gathered during the current linger window, sent together by {@link #fanOut}. */
    private final java.util.ArrayList<CertificateEnvelope> gathered = new java.util.ArrayList<>();
    private long lingerTimer = -1;

    GatewayVerticle(GatewayConfig config, GatewayServices services, ClusterView cluster, MissedRanges missed) {
        this.config = config;
        this.services = services;
        this.registry = services.registry();
        this.metrics = services.metrics();
        this.cluster = cluster;
        this.missed = missed;
        this.instance = registry.nextInstanceIndex();
        // Every instance receives every certificate; one of them feeds the certificate meters and matches
        // each certificate as it arrives, so the others mostly find the result in the memo.
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
        ClientRegistry registry = new ClientRegistry(config.maxClients());
        // One thread builds filter indexes, off the event loops; builds are serial by design.
        io.vertx.core.WorkerExecutor builder = vertx.createSharedWorkerExecutor("certstream-filter-index", 1,
                10, java.util.concurrent.TimeUnit.MINUTES);
        FilterCatalog filters = new FilterCatalog(config.subscriptions().filters(), config.instances(),
                // Unordered: ordering would queue behind the caller context's own blocking tasks (a caller that
                // waits for a build from a blocking task would wait forever); the catalog runs one build at a time.
                task -> builder.executeBlocking(() -> {
                    task.run();
                    return null;
                }, false));
        GatewayMetrics metrics = new GatewayMetrics(meters, registry, filters, config.maxLogs());
        ClientGate gate = new ClientGate(config.subscriptions().clients(),
                new TokenStore(config.subscriptions().clients()), System::nanoTime);
        GatewayServices services = new GatewayServices(registry, metrics, filters, new MatchMemo(), gate);
        // What this gateway never received (a split), noted by the instance that counts; replay hooks in here.
        MissedRanges missed = new MissedRanges(config.maxLogs(), MissedRanges.logging());
        return vertx.deployVerticle(() -> new GatewayVerticle(config, services, cluster, missed),
                        new DeploymentOptions().setInstances(config.instances()))
                .map(id -> new GatewayDeployment(id, registry, filters))
                .recover(failure -> Future.failedFuture(ConfigException.whenPortTaken(failure, "PORT", config.host(), config.port())));
    }

    @Override
    public Future<?> start() {
        hub = new StreamHub(instance, config, registry, metrics);
        backlog = new EventLoopBacklog(context);
        registry.instanceBacklog(backlog);
        duplicates = new DuplicateFilter(config.maxLogs());
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
            heartbeatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(),
                    id -> hub.heartbeat(System.currentTimeMillis()));
        }
        pingTimer = vertx.setPeriodic(config.pingInterval().toMillis(), id -> hub.pingOrExpireAll());
        sseHeartbeatTimer = vertx.setPeriodic(config.subscriptions().sse().heartbeatInterval().toMillis(),
                id -> hub.sseHeartbeat(System.currentTimeMillis()));
        HeaderDeadlines deadlines = new HeaderDeadlines(vertx, config.subscriptions().clients().headerTimeout(),
                metrics::headerTimeout);
        Future<?> tokensLoaded = Future.succeededFuture();
        TokenStore tokens = services.gate().tokens();
        if (countsCertificates && tokens.enabled()) {
            // One instance watches the tokens file for the process; reading it is blocking I/O.
            tokensLoaded = vertx.executeBlocking(tokens::reloadIfChanged);
            tokensTimer = vertx.setPeriodic(config.subscriptions().clients().tokensReload().toMillis(),
                    id -> vertx.executeBlocking(tokens::reloadIfChanged));
        }
        if (countsCertificates) {
            fanoutGate = new FanoutGate(registry, config.fanoutBacklog());
            vertx.eventBus().addOutboundInterceptor(fanoutGate);
            // One instance speaks for the whole gateway process in the brokers' deployment-wide totals.
            statusTimer = vertx.setPeriodic(5_000, id -> vertx.eventBus().publish(BusAddresses.GATEWAY_STATUS,
                    new JsonObject().put("gateway", registry.id()).put("current_users", registry.clients())
                            .put("dropped_messages", registry.drops())));
        }
        // A negative port asks Vert.x for one random port shared by every instance (0 would give each its own).
        int port = config.port() == 0 ? -1 : config.port();
        io.vertx.ext.web.Router router = GatewayRouter.create(vertx, streams, events, api);
        return Future.all(consumer.completion(), tokensLoaded)
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
                    registry.port(server.actualPort());
                    LOG.info("gateway instance listening on {}:{}", config.host(), server.actualPort());
                });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(pingTimer);
        vertx.cancelTimer(sseHeartbeatTimer);
        vertx.cancelTimer(tokensTimer);
        vertx.cancelTimer(statusTimer);
        if (fanoutGate != null) {
            vertx.eventBus().removeOutboundInterceptor(fanoutGate);
        }
        vertx.cancelTimer(lingerTimer);
        hub.closeAll(ClientSession.CLOSE_GOING_AWAY, "server stopping");
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
        if (countsCertificates) {
            metrics.certificate(envelope.logUrl(), envelope.entryType());
            missed.arrived(envelope.logUrl(), envelope.index());
        }
        if (backlogged()) {
            // Behind already: no matching, no sending, only the count (see FanoutGate for this JVM's own).
            hub.shed();
            registry.shedCertificate();
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

    /** Sends the gathered certificates in one event-loop task: with flush consolidation, one flush per socket. */
    private void fanOut() {
        lingerTimer = -1;
        for (CertificateEnvelope envelope : gathered) {
            send(envelope);
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
