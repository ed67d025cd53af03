package dev.certstream.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * A running CT log simulator: one HTTP server serving a log list and RFC 6962 and static-ct-api
 * logs made of realistic, deterministic entries, with injectable faults. Start it with
 * {@link #start}, read what each log holds through {@link #logs()}, and {@link #close()} it.
 */
public final class CtLogSimulator {

    private final Vertx vertx;
    private final SimulatorVerticle verticle;
    private final String deploymentId;
    private final SimulatorConfig config;

    private CtLogSimulator(Vertx vertx, SimulatorVerticle verticle, String deploymentId, SimulatorConfig config) {
        this.vertx = vertx;
        this.verticle = verticle;
        this.deploymentId = deploymentId;
        this.config = config;
    }

    /**
     * Builds the certificate pool (seconds the first time in a JVM, on a worker thread), then
     * listens. The future fails if the port cannot be bound or a replay directory cannot be read.
     */
    public static Future<CtLogSimulator> start(Vertx vertx, SimulatorConfig config) {
        return vertx.executeBlocking(() -> LogAssembler.prepare(config))
                .compose(prepared -> {
                    SimulatorVerticle verticle = new SimulatorVerticle(config, prepared);
                    return vertx.deployVerticle(verticle)
                            .map(id -> new CtLogSimulator(vertx, verticle, id, config));
                });
    }

    /** The port it listens on (the real one when the configuration asked for 0). */
    public int port() {
        return verticle.port();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String baseUrl() {
        return verticle.baseUrl();
    }

    /** The URL of its Google v3 log list. */
    public String logListUrl() {
        return baseUrl() + "/log_list.json";
    }

    /** Every served log: generated RFC 6962 logs, replayed certificates, generated tiled logs, replayed tiles. */
    public List<SimulatedLog> logs() {
        return verticle.logs();
    }

    /** The log with this name ("rfc0", "tiled0", "replay-certs", "replay-tiles"). */
    public SimulatedLog log(String name) {
        return logs().stream().filter(log -> log.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no simulated log named " + name));
    }

    /** Changes the fraction of requests that fail (0..1) with the enabled per-request faults. */
    public void setFaultRate(double rate) {
        verticle.faults.setRate(rate);
    }

    /** What clients did so far: requests and peak rates per log and operator, Range, partial tiles, 429s, User-Agents. */
    public TrafficReport traffic() {
        return verticle.traffic.report();
    }

    /** Starts the traffic accounting afresh (a test's next phase). */
    public void resetTraffic() {
        verticle.traffic.reset();
    }

    /** The URL of the accounting endpoint ({@code GET} gives {@link #traffic()} as JSON). */
    public String statsUrl() {
        return baseUrl() + SimulatorVerticle.STATS_PATH;
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Stops serving: the server closes and every pending (timed-out) connection with it. */
    public Future<Void> close() {
        return vertx.undeploy(deploymentId);
    }
}
