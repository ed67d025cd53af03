package dev.certstream.testing;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The one way tests wait: Awaitility, polling a condition on the test's own thread until it holds, with a
 * generous deadline (the machines are shared and slow), never sleep-then-assert. A condition may throw an
 * AssertionError to fail at once (a process that died, say). A timeout is an AssertionError naming what
 * was awaited.
 */
public final class Wait {

    /** Long enough for anything a test waits for on a busy 2-core machine; a test that needs more says so. */
    public static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(100);

    private Wait() {
    }

    /** Waits until {@code condition} is true, at most {@link #DEADLINE}. */
    public static void until(String what, Callable<Boolean> condition) {
        until(what, DEADLINE, condition);
    }

    /** Waits until {@code condition} is true, at most {@code deadline}. */
    public static void until(String what, Duration deadline, Callable<Boolean> condition) {
        until(what, deadline, POLL, condition);
    }

    /** Waits until {@code condition} is true, asking it every {@code poll} (for conditions that cost a request). */
    public static void until(String what, Duration deadline, Duration poll, Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(deadline).pollDelay(Duration.ZERO).pollInterval(poll).pollInSameThread()
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("gave up after " + deadline.toSeconds() + " s waiting until " + what, e);
        }
    }
}
