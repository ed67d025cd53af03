package dev.certstream.bench.firehose;

import dev.certstream.bench.FanoutLoad;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * The firehose benchmark's websocket clients: lite, full and domains-only clients dealt round-robin over
 * one {@link FirehoseShard} per client event loop, in a Vert.x of their own.
 */
final class FirehoseClients {

    private final Vertx vertx;
    private final List<FirehoseShard> shards;

    private FirehoseClients(Vertx vertx, List<FirehoseShard> shards) {
        this.vertx = vertx;
        this.shards = shards;
    }

    /** Deploys the shards; each connects its clients (and keeps them connected) on its own. */
    static FirehoseClients start(FirehoseOptions options, int port) {
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(options.eventLoops())).build();
        List<List<FirehoseClient>> dealt = new ArrayList<>();
        for (int i = 0; i < options.eventLoops(); i++) {
            dealt.add(new ArrayList<>());
        }
        int id = 0;
        for (String[] stream : new String[][] {{"/", "" + options.lite()}, {"/full-stream", "" + options.full()},
                {"/domains-only", "" + options.domains()}}) {
            for (int i = 0; i < Integer.parseInt(stream[1]); i++, id++) {
                dealt.get(id % dealt.size()).add(new FirehoseClient(id, stream[0]));
            }
        }
        List<FirehoseShard> shards = dealt.stream().map(clients -> new FirehoseShard("127.0.0.1", port, clients)).toList();
        FanoutLoad.await(Future.all(shards.stream().map(vertx::deployVerticle).toList()));
        return new FirehoseClients(vertx, shards);
    }

    /** The period's figures over every shard (the period restarts). */
    FirehoseSample sample(FirehoseShard.Period period) {
        List<Future<FirehoseSample>> samples = shards.stream().map(s -> s.sample(period)).toList();
        FanoutLoad.await(Future.all(samples));
        return FirehoseSample.merge(samples.stream().map(Future::result).toList());
    }

    void close() {
        FanoutLoad.await(vertx.close());
    }
}
