package dev.certstream.testing;

import io.vertx.core.Future;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits, from a test's own thread, for what Vert.x does (generous deadline: machines here are shared). */
public final class TestFutures {

    private TestFutures() {
    }

    /** The future's result; its failure, or no result within {@link Wait#DEADLINE}, fails the test. */
    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(Wait.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + Wait.DEADLINE.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    /** The future's failure; a success, or no outcome within {@link Wait#DEADLINE}, fails the test. */
    public static Throwable awaitFailure(Future<?> future) {
        try {
            Object result = future.toCompletionStage().toCompletableFuture().get(Wait.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("succeeded with " + result + ", a failure was expected");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("no outcome within " + Wait.DEADLINE.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
