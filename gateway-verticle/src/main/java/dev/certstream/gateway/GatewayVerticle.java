package dev.certstream.gateway;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
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

    private final GatewayConfig config;
    private final ClientRegistry registry;
    private final GatewayMetrics metrics;
    private final boolean countsCertificates;
    private StreamHub hub;
    private EventLoopBacklog backlog;
    private DuplicateFilter duplicates;
    private long heartbeatTimer = -1;
    private long pingTimer = -1;
    private long statusTimer = -1;
    private FanoutGate gate;
    /** Certificates gathered during the current linger window, sent together by {@link #fanOut}. */
    private final java.util.ArrayList<CertificateEnvelope> gathered = new java.util.ArrayList<>();
    private long lingerTimer = -1;

    GatewayVerticle(GatewayConfig config, ClientRegistry registry, GatewayMetrics metrics) {
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        // Every instance receives every certificate; one of them feeds the certificate meters.
        this.countsCertificates = registry.nextInstanceIndex() == 0;
    }

    /**
     * Deploys {@code config.instances()} gateway instances sharing one port. {@code meters} should be the
     * registry given to {@link MetricsSetup#instrument} so {@code /metrics} also shows Vert.x's figures.
     */
    public static Future<GatewayDeployment> deploy(Vertx vertx, GatewayConfig config, PrometheusMeterRegistry meters) {
        CertificateEnvelope.registerCodec(vertx.eventBus());
        ClientRegistry registry = new ClientRegistry(config.maxClients());
        GatewayMetrics metrics = new GatewayMetrics(meters, registry, config.maxLogs());
        return vertx.deployVerticle(() -> new GatewayVerticle(config, registry, metrics),
                        new DeploymentOptions().setInstances(config.instances()))
                .map(id -> new GatewayDeployment(id, registry));
    }

    @Override
    public Future<?> start() {
        hub = new StreamHub(config, registry, metrics);
        backlog = new EventLoopBacklog(context);
        registry.instanceBacklog(backlog);
        duplicates = new DuplicateFilter(config.maxLogs());
        StreamRoutes streams = new StreamRoutes(hub, registry, metrics);
        ApiRoutes api = new ApiRoutes(vertx, config, registry, metrics);
        HttpServerOptions options = new HttpServerOptions()
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
        if (countsCertificates) {
            gate = new FanoutGate(registry, config.fanoutBacklog());
            vertx.eventBus().addOutboundInterceptor(gate);
            // One instance speaks for the whole gateway process in the brokers' deployment-wide totals.
            statusTimer = vertx.setPeriodic(5_000, id -> vertx.eventBus().publish(BusAddresses.GATEWAY_STATUS,
                    new JsonObject().put("gateway", registry.id()).put("current_users", registry.clients())
                            .put("dropped_messages", registry.drops())));
        }
        // A negative port asks Vert.x for one random port shared by every instance (0 would give each its own).
        int port = config.port() == 0 ? -1 : config.port();
        return consumer.completion()
                .compose(registered -> vertx.createHttpServer(options)
                        .connectionHandler(connection -> FlushConsolidation.install(connection, config.flushConsolidation()))
                        .requestHandler(GatewayRouter.create(vertx, streams, api))
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
        vertx.cancelTimer(statusTimer);
        if (gate != null) {
            vertx.eventBus().removeOutboundInterceptor(gate);
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
        }
        if (backlogged()) {
            hub.shed();
            registry.shedCertificate();
            return;
        }
        long linger = config.fanoutLinger().toMillis();
        if (linger <= 0) {
            hub.broadcast(envelope);
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
            hub.broadcast(envelope);
        }
        gathered.clear();
    }
}
