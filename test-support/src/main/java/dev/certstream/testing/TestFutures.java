package dev.certstream.testing;

import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;

/** Waits, from a test's own thread, for what Vert.x does (generous deadline: machines here are shared). */
public final class TestFutures {

    private TestFutures() {
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
