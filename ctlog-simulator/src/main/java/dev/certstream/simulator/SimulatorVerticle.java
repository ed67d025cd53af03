package dev.certstream.simulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's HTTP server: routes each request to the log list, an RFC 6962 log or a tiled
 * log's monitoring prefix, lets the fault injector spoil it, and grows the logs on a timer.
 */
final class SimulatorVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorVerticle.class);
    // Growth is applied in small steps so clients see the tree move smoothly rather than in bursts.
    private static final long GROWTH_TICK_MS = 100;

    private final SimulatorConfig config;
    private final LogAssembler.Prepared prepared;
    final FaultInjector faults;
    private final Map<String, SimulatedLog> logsByPrefix = new LinkedHashMap<>();
    private volatile List<SimulatedLog> logs = List.of();
    private WorkerExecutor workers;
    private HttpServer server;
    private Rfc6962Handler rfc6962;
    private StaticCtHandler staticCt;
    private LogListBuilder logList;
    private String baseUrl;
    private final List<Long> timers = new java.util.ArrayList<>();

    SimulatorVerticle(SimulatorConfig config, LogAssembler.Prepared prepared) {
        this.config = config;
        this.prepared = prepared;
        this.faults = new FaultInjector(config);
    }

    @Override
    public Future<?> start() {
        workers = vertx.createSharedWorkerExecutor("ctlog-simulator-" + System.identityHashCode(this), config.workerThreads());
        rfc6962 = new Rfc6962Handler(workers, config.pageCap(), faults);
        staticCt = new StaticCtHandler(workers, config.gzip(), faults, new TileCache(config.tileCacheTiles()));
        logList = new LogListBuilder(config.epochMs());
        return vertx.createHttpServer().requestHandler(this::onRequest).listen(config.port(), config.host())
                .onSuccess(this::onListening);
    }

    private void onListening(HttpServer listening) {
        server = listening;
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        baseUrl = "http://" + host + ":" + listening.actualPort();
        List<SimulatedLog> assembled = LogAssembler.assemble(config, prepared, baseUrl);
        for (SimulatedLog log : assembled) {
            logsByPrefix.put(log.url().substring(baseUrl.length()), log);
        }
        logs = assembled;
        publishCheckpoints();
        timers.add(vertx.setPeriodic(config.checkpointPeriod().toMillis(), id -> publishCheckpoints()));
        if (config.growthPerSecond() > 0) {
            timers.add(vertx.setPeriodic(GROWTH_TICK_MS,
                    id -> logs.forEach(log -> log.grow(config.growthPerSecond() * GROWTH_TICK_MS / 1000.0))));
        }
    }

    private void publishCheckpoints() {
        long now = System.currentTimeMillis();
        logs.stream().filter(log -> log.type().equals("static-ct")).forEach(log -> log.publishCheckpoint(now));
    }

    @Override
    public Future<?> stop() {
        timers.forEach(vertx::cancelTimer);
        return Future.join(server == null ? Future.succeededFuture() : server.close(), workers.close());
    }

    int port() {
        return server.actualPort();
    }

    String baseUrl() {
        return baseUrl;
    }

    List<SimulatedLog> logs() {
        return logs;
    }

    private void onRequest(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            send(request, Reply.error(405, "only GET is simulated"));
            return;
        }
        String path = request.path();
        if (path.equals("/log_list.json") || config.extraJson().containsKey(path)) {
            String body = path.equals("/log_list.json") ? logList.render(logs) : config.extraJson().get(path);
            answer(request, Endpoint.LOG_LIST, shrink -> Future.succeededFuture(Reply.json(body)));
            return;
        }
        SimulatedLog log = logFor(path);
        if (log == null) {
            send(request, Reply.error(404, path.startsWith("/sub/") ? "the submission API is not simulated" : "not found"));
            return;
        }
        String subPath = path.substring(log.url().length() - baseUrl.length());
        if (log.type().equals("rfc6962")) {
            answer(request, Rfc6962Handler.endpoint(subPath), shrink -> rfc6962.handle(log, subPath, request.params(), shrink));
        } else {
            String acceptEncoding = request.getHeader("Accept-Encoding");
            answer(request, StaticCtHandler.endpoint(subPath), shrink -> staticCt.handle(log, subPath, acceptEncoding, shrink));
        }
    }

    private SimulatedLog logFor(String path) {
        for (Map.Entry<String, SimulatedLog> prefix : logsByPrefix.entrySet()) {
            if (path.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return null;
    }

    /** Produces the answer unless a fault replaces it; SHRINK, SLOW and TRUNCATE spoil a real answer. */
    private void answer(HttpServerRequest request, Endpoint endpoint, java.util.function.Function<Boolean, Future<Reply>> handler) {
        FaultKind fault = faults.decide(endpoint);
        if (fault != null) {
            LOG.debug("Injecting fault {} into {} {}", fault, endpoint, request.uri());
        }
        if (fault == FaultKind.RATE_LIMIT) {
            send(request, new Reply(429, "text/plain; charset=utf-8", io.vertx.core.buffer.Buffer.buffer("slow down\n"),
                    Map.of("Retry-After", Integer.toString(config.retryAfterSeconds()))));
            return;
        }
        if (fault == FaultKind.SERVER_ERROR) {
            send(request, Reply.error(500, "simulated internal error"));
            return;
        }
        if (fault == FaultKind.TIMEOUT) {
            // Never answer; drop the connection much later so a client without a timeout does not hang forever.
            vertx.setTimer(Math.max(1, config.timeoutCloseAfter().toMillis()), id -> request.connection().close());
            return;
        }
        handler.apply(fault == FaultKind.SHRINK).onComplete(result -> {
            if (result.failed()) {
                LOG.warn("Simulated {} failed for {}", endpoint, request.uri(), result.cause());
                send(request, Reply.error(500, "simulator error"));
            } else if (fault == FaultKind.SLOW) {
                vertx.setTimer(Math.max(1, config.slowDelay().toMillis()), id -> send(request, result.result()));
            } else {
                send(request, fault == FaultKind.TRUNCATE && result.result().status() == 200
                        ? result.result().truncated() : result.result());
            }
        });
    }

    private static void send(HttpServerRequest request, Reply reply) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType());
        reply.headers().forEach(response::putHeader);
        response.end(reply.body());
    }
}
