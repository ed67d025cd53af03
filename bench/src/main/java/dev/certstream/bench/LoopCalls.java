package dev.certstream.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.function.Supplier;

/** Runs a piece of work on a verticle's own event loop and hands its result to any thread as a future. */
public final class LoopCalls {

    private LoopCalls() {
    }

    /** {@code action} on {@code context}; a runtime exception fails the future. */
    public static <T> Future<T> on(Context context, Supplier<T> action) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> {
            try {
                promise.complete(action.get());
            } catch (RuntimeException e) {
                promise.fail(e);
            }
        });
        return promise.future();
    }
}
