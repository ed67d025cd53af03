package dev.certstream.systest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a generous deadline, polling: the machine is shared and slow, so tests
 * wait on what they need to see instead of sleeping or asserting on time.
 */
final class Await {

    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    /** Polls until {@code condition} is true; fails naming {@code what} after {@code deadline}. */
    static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("gave up after " + deadline.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
