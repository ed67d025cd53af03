package dev.certstream.watcher.ct;

import dev.certstream.contract.OperatorBudgetStatus;
import dev.certstream.watcher.WatcherMetrics;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The request budget of one log operator, shared by every log of it this watcher follows: a request waits
 * (first come, first served) until the last {@link #WINDOW_NANOS} hold fewer than {@code rate} requests to
 * the operator, and for the end of any Retry-After the operator answered a 429 with, whichever log that 429
 * came from (operators throttle per client, not per log). Requests wait rather than fail. Waiters are bounded by the requests the
 * operator's followers may have outstanding (their pacing limits, head reads and issuer lookups). Used on
 * the watcher's event loop only.
 */
public final class OperatorBudget {

    private final Vertx vertx;
    private final String operator;
    private final int rate;
    /**
     * The window the rate is counted over: a second, and a tenth more so that requests the network or the
     * log's server delays a little still fall into separate seconds at the log's end.
     */
    static final long WINDOW_NANOS = 1_100_000_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final RequestWindow window;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private final WatcherMetrics meters;
    private long timer = -1;
    private long holdUntil;
    private long granted;
    private long waitedNanos;
    private long heldNanos;
    private long tooManyRequests;

    private record Waiter(Promise<Void> promise, long since) {
    }

    /** @param rate requests per second at most (over any {@link #WINDOW_NANOS}); 0 = no limit but Retry-After */
    OperatorBudget(Vertx vertx, String operator, int rate, WatcherMetrics meters) {
        this.vertx = vertx;
        this.operator = operator;
        this.rate = rate;
        this.meters = meters;
        long now = System.nanoTime();
        this.window = rate > 0 ? new RequestWindow(rate, WINDOW_NANOS) : null;
        this.holdUntil = now;
        meters.operatorBudget(operator, rate);
    }

    /** Completes once this request may go. */
    public Future<Void> acquire() {
        long now = System.nanoTime();
        if (waiting.isEmpty() && mayGo(now)) {
            grant(now, now);
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        waiting.add(new Waiter(promise, now));
        drainLater(now);
        return promise.future();
    }

    /** The operator answered 429: nothing more goes to any of its logs until its Retry-After has passed. */
    public void onTooManyRequests(Duration retryAfter) {
        tooManyRequests++;
        meters.operatorThrottled(operator);
        if (retryAfter != null && !retryAfter.isZero()) {
            long now = System.nanoTime();
            long until = now + retryAfter.toNanos();
            if (until > holdUntil) {
                heldNanos += until - Math.max(now, holdUntil);
                meters.operatorHeld(operator, until - Math.max(now, holdUntil));
                holdUntil = until;
            }
        }
    }

    private boolean mayGo(long now) {
        return now - holdUntil >= 0 && (window == null || window.tryTake(now));
    }

    private void grant(long since, long now) {
        granted++;
        waitedNanos += now - since;
        meters.operatorRequest(operator, now - since);
    }

    private void drainLater(long now) {
        if (timer >= 0 || waiting.isEmpty()) {
            return;
        }
        long wait = Math.max(holdUntil - now, window == null ? 0 : window.nanosUntilFree(now));
        timer = vertx.setTimer(Math.max(1, (wait + 999_999) / 1_000_000), t -> {
            timer = -1;
            drain();
        });
    }

    private void drain() {
        long now = System.nanoTime();
        while (!waiting.isEmpty() && mayGo(now)) {
            Waiter next = waiting.poll();
            grant(next.since(), now);
            next.promise().complete();
        }
        drainLater(now);
    }

    /** Requests granted in the last second over the rate (null without a budget). */
    Double used() {
        return window == null ? null : (double) window.countWithin(System.nanoTime(), SECOND_NANOS) / rate;
    }

    /** Its figures as the contract reports them with each of the operator's logs. */
    public OperatorBudgetStatus status() {
        Double used = used();
        return new OperatorBudgetStatus(rate == 0 ? null : rate, used == null ? null : Math.round(used * 1000) / 1000.0,
                granted, waiting.size(), waitedNanos / 1_000_000, heldNanos / 1_000_000, tooManyRequests);
    }
}
