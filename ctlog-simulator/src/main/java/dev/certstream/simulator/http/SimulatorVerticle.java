package dev.certstream.simulator.http;

import dev.certstream.simulator.FaultKind;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.log.LogAssembler;
import dev.certstream.simulator.log.LogListBuilder;
import dev.certstream.simulator.log.SimulatedLog;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulator's HTTP server: routes each request to the log list, an RFC 6962 log or a tiled
 * log's monitoring prefix, accounts for it ({@link TrafficAccount}), lets the operator throttle and
 * the fault injector spoil it, and grows the logs and publishes their tree heads on timers.
 */
public final class SimulatorVerticle extends VerticleBase {

    /** The accounting endpoint; never counted, throttled or faulted. */
    public static final String STATS_PATH = "/_stats";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorVerticle.class);
    // Growth is applied in small steps so clients see the tree move smoothly rather than in bursts.
    private static final long GROWTH_TICK_MS = 100;

    private final SimulatorConfig config;
    private final LogAssembler.Prepared prepared;
    private final FaultInjector faults;
    private final TrafficAccount traffic = new TrafficAccount();
    private final OperatorThrottle throttle;
    private final Map<String, SimulatedLog> logsByPrefix = new LinkedHashMap<>();
    private volatile List<SimulatedLog> logs = List.of();
    private WorkerExecutor workers;
    private HttpServer server;
    private Rfc6962Handler rfc6962;
    private StaticCtHandler staticCt;
    private LogListBuilder logList;
    private String baseUrl;
    private final List<Long> timers = new ArrayList<>();
    private boolean stopped;

    public SimulatorVerticle(SimulatorConfig config, LogAssembler.Prepared prepared) {
        this.config = config;
        this.prepared = prepared;
        this.faults = new FaultInjector(config);
        this.throttle = new OperatorThrottle(config.operatorLimits());
    }

    @Override
    public Future<?> start() {
        workers = vertx.createSharedWorkerExecutor("ctlog-simulator-" + System.identityHashCode(this), config.workerThreads());
        rfc6962 = new Rfc6962Handler(workers, config.pageCap(), faults);
        staticCt = new StaticCtHandler(workers, config.gzip(), faults, new TileCache(config.tileCacheTiles()),
                config.honourRange());
        logList = new LogListBuilder(config.epochMs());
        return vertx.createHttpServer().requestHandler(this::onRequest).listen(config.port(), config.host())
                .onSuccess(this::onListening);
    }

    private void onListening(HttpServer listening) {
        server = listening;
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        baseUrl = "http://" + host + ":" + listening.actualPort();
        List<SimulatedLog> assembled = LogAssembler.assemble(config, prepared, baseUrl, System.currentTimeMillis());
        for (SimulatedLog log : assembled) {
            logsByPrefix.put(log.url().substring(baseUrl.length()), log);
        }
        logs = assembled;
        publishCheckpoints();
        List<SimulatedLog> rfc6962 = logs.stream().filter(log -> log.type().equals("rfc6962")).toList();
        if (config.alignedHeads()) {
            timers.add(vertx.setPeriodic(config.checkpointPeriod().toMillis(), id -> publishCheckpoints()));
            if (!config.sthPeriod().isZero()) {
                timers.add(vertx.setPeriodic(config.sthPeriod().toMillis(), id -> rfc6962.forEach(SimulatedLog::publishSth)));
            }
        } else {
            // Phases over all logs, whatever their kind: an RFC 6962 log and a tiled one are as independent.
            for (int i = 0; i < logs.size(); i++) {
                SimulatedLog log = logs.get(i);
                if (log.type().equals("static-ct")) {
                    publishEach(config.checkpointPeriod(), i, () -> log.publishCheckpoint(System.currentTimeMillis()));
                } else if (!config.sthPeriod().isZero()) {
                    publishEach(config.sthPeriod(), i, log::publishSth);
                }
            }
        }
        timers.add(vertx.setPeriodic(GROWTH_TICK_MS, id -> {
            long now = System.currentTimeMillis();
            logs.forEach(log -> log.grow(now));
        }));
    }

    /**
     * Publishes every {@code period} from a phase of its own: the {@code i}-th log starts
     * {@code i} golden-ratio fractions of the period in, so any number of logs spread evenly over it.
     */
    private void publishEach(Duration period, int i, Runnable publish) {
        long periodMs = period.toMillis();
        long phaseMs = 1 + (long) (periodMs * ((i * 0.6180339887498949) % 1.0));
        timers.add(vertx.setTimer(phaseMs, first -> {
            if (stopped) {
                return;
            }
            publish.run();
            timers.add(vertx.setPeriodic(periodMs, id -> publish.run()));
        }));
    }

    private void publishCheckpoints() {
        long now = System.currentTimeMillis();
        logs.stream().filter(log -> log.type().equals("static-ct")).forEach(log -> log.publishCheckpoint(now));
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        timers.forEach(vertx::cancelTimer);
        return Future.join(server == null ? Future.succeededFuture() : server.close(), workers.close());
    }

    /** The port it listens on (the real one when the configuration asked for 0). */
    public int port() {
        return server.actualPort();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The served logs, in log list order (empty until it listens). */
    public List<SimulatedLog> logs() {
        return logs;
    }

    /** Changes the fraction of requests that fail (0..1) with the enabled per-request faults. */
    public void setFaultRate(double rate) {
        faults.setRate(rate);
    }

    /** What clients did so far. */
    public TrafficReport traffic() {
        return traffic.report();
    }

    /** Starts the traffic accounting afresh. */
    public void resetTraffic() {
        traffic.reset();
    }

    private void onRequest(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            send(request, null, Reply.error(405, "only GET is simulated"));
            return;
        }
        String path = request.path();
        if (path.equals(STATS_PATH)) {
            send(request, null, Reply.json(traffic.report().toJson().encodePrettily()));
            return;
        }
        long now = monotonicMillis();
        SimulatedLog log = logFor(path);
        traffic.request(log, request.getHeader("User-Agent"), request.getHeader("Range") != null, now);
        if (path.equals("/log_list.json") || config.extraJson().containsKey(path)) {
            String body = path.equals("/log_list.json") ? logList.render(logs) : config.extraJson().get(path);
            answer(request, null, Endpoint.LOG_LIST, null, shrink -> Future.succeededFuture(Reply.json(body)));
            return;
        }
        if (log == null) {
            send(request, null, Reply.error(404, path.startsWith("/sub/") ? "the submission API is not simulated" : "not found"));
            return;
        }
        if (!throttle.admit(log.operator(), now)) {
            tooManyRequests(request, log, true);
            return;
        }
        String subPath = path.substring(log.url().length() - baseUrl.length());
        boolean rfc = log.type().equals("rfc6962");
        Endpoint endpoint = rfc ? Rfc6962Handler.endpoint(subPath) : StaticCtHandler.endpoint(subPath);
        if (config.hugePageLogs().contains(log.name()) && (endpoint == Endpoint.ENTRIES || endpoint == Endpoint.TILE)) {
            traffic.hugePage(log);
            HugePages.stream(request.response(), rfc, config.hugePageBytes(), bytes -> traffic.streamed(log, bytes));
            return;
        }
        if (rfc) {
            answer(request, log, endpoint, null, shrink -> rfc6962.handle(log, subPath, request.params(), shrink));
        } else {
            String acceptEncoding = request.getHeader("Accept-Encoding");
            String range = request.getHeader("Range");
            answer(request, log, endpoint, PartialFetch.of(log, subPath),
                    shrink -> staticCt.handle(log, subPath, acceptEncoding, range, shrink));
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

    /**
     * Produces the answer unless a fault replaces it; SHRINK, SLOW and TRUNCATE spoil a real answer.
     * {@code partial}: the partial tile asked for (with the checkpoint then current), counted once served.
     */
    private void answer(HttpServerRequest request, SimulatedLog log, Endpoint endpoint, PartialFetch partial,
                        Function<Boolean, Future<Reply>> handler) {
        FaultKind fault = faults.decide(endpoint);
        if (fault != null) {
            LOG.debug("Injecting fault {} into {} {}", fault, endpoint, request.uri());
        }
        if (fault == FaultKind.RATE_LIMIT) {
            tooManyRequests(request, log, false);
            return;
        }
        if (fault == FaultKind.SERVER_ERROR) {
            send(request, log, Reply.error(500, "simulated internal error"));
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
                send(request, log, Reply.error(500, "simulator error"));
                return;
            }
            Reply reply = result.result();
            if (partial != null && (reply.status() == 200 || reply.status() == 206)) {
                traffic.partialTile(log, partial.tile(), partial.checkpointSize());
            }
            if (fault == FaultKind.SLOW) {
                vertx.setTimer(Math.max(1, config.slowDelay().toMillis()), id -> send(request, log, reply));
            } else {
                send(request, log, fault == FaultKind.TRUNCATE && reply.status() == 200 ? reply.truncated() : reply);
            }
        });
    }

    /** A 429 with Retry-After; {@code operatorWide} when the operator's limit, not an injected fault, caused it. */
    private void tooManyRequests(HttpServerRequest request, SimulatedLog log, boolean operatorWide) {
        if (log != null) {
            traffic.tooManyRequests(log, operatorWide, config.retryAfterSeconds() * 1000L, monotonicMillis());
        }
        send(request, log, new Reply(429, "text/plain; charset=utf-8", Buffer.buffer("slow down\n"),
                Map.of("Retry-After", Integer.toString(config.retryAfterSeconds()))));
    }

    private void send(HttpServerRequest request, SimulatedLog log, Reply reply) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        traffic.served(log, reply.status(), reply.body().length());
        response.setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType());
        reply.headers().forEach(response::putHeader);
        response.end(reply.body());
    }

    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
