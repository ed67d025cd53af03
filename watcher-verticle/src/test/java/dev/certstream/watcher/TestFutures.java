package dev.certstream.watcher;

import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;

/** Waits, from a test's own thread, for what Vert.x does (generous deadline: machines here are shared). */
final class TestFutures {

    private TestFutures() {
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
