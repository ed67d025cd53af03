package dev.certstream.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * A running load: its own Vert.x with one {@link LoadShard} per event loop, the clients dealt round-robin
 * between them. {@link FanoutLoad} drives it by the clock; tests drive the window themselves.
 */
public final class LoadRun {

    private final LoadOptions options;
    private final Vertx vertx;
    private final List<LoadShard> shards;
    private final double connectSeconds;
    private long windowStartNanos;

    private LoadRun(LoadOptions options, Vertx vertx, List<LoadShard> shards, double connectSeconds) {
        this.options = options;
        this.vertx = vertx;
        this.shards = shards;
        this.connectSeconds = connectSeconds;
    }

    /** Opens every client; completes when each one connected or failed. */
    public static Future<LoadRun> start(LoadOptions options) {
        int loops = options.eventLoops();
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(loops)).build();
        List<List<LoadClient>> dealt = new ArrayList<>();
        for (int i = 0; i < loops; i++) {
            dealt.add(new ArrayList<>());
        }
        for (int id = 0; id < options.clients(); id++) {
            // Paused clients are the lowest ids, so the deal spreads them over the loops too.
            dealt.get(id % loops).add(new LoadClient(id, id < options.paused()));
        }
        List<LoadShard> shards = new ArrayList<>();
        long started = System.nanoTime();
        List<Future<?>> deployed = new ArrayList<>();
        for (List<LoadClient> clients : dealt) {
            LoadShard shard = new LoadShard(options, clients, (double) options.connectRate() * clients.size()
                    / options.clients());
            shards.add(shard);
            // Each verticle gets the next event loop, so its clients' connections live on that loop.
            deployed.add(vertx.deployVerticle(shard));
        }
        return Future.all(deployed)
                .compose(ok -> Future.all(shards.stream().map(LoadShard::attempted).toList()))
                .map(ok -> new LoadRun(options, vertx, shards, (System.nanoTime() - started) / 1e9))
                .onFailure(error -> vertx.close());
    }

    public LoadOptions options() {
        return options;
    }

    /** Starts the measurement window on every shard. */
    public Future<Void> beginWindow() {
        return Future.all(shards.stream().map(LoadShard::beginWindow).toList())
                .map(ok -> {
                    windowStartNanos = System.nanoTime();
                    return null;
                });
    }

    /** The window's figures so far, the window still open. */
    public Future<LoadReport> snapshot() {
        return collect(false);
    }

    /** Ends the window and reports it. */
    public Future<LoadReport> endWindow() {
        return collect(true);
    }

    private Future<LoadReport> collect(boolean stop) {
        long endNanos = System.nanoTime();
        List<Future<ShardReport>> reports = shards.stream().map(s -> s.report(stop)).toList();
        double windowSeconds = windowStartNanos == 0 ? 0 : (endNanos - windowStartNanos) / 1e9;
        return Future.all(reports).map(all -> LoadReport.merge(options,
                reports.stream().map(Future::result).toList(), connectSeconds, windowSeconds));
    }

    /** Lets the paused clients read for {@code drainMillis}; completes with the messages they then got. */
    public Future<Long> resumePaused(long drainMillis) {
        List<Future<Long>> drained = shards.stream().map(s -> s.resumePaused(drainMillis)).toList();
        return Future.all(drained).map(all -> drained.stream().mapToLong(Future::result).sum());
    }

    /** Closes every client and the run's Vert.x. */
    public Future<Void> close() {
        return vertx.close();
    }
}
