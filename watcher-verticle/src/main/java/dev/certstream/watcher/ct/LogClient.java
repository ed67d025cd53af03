package dev.certstream.watcher.ct;

import dev.certstream.watcher.WatcherMetrics;

import io.vertx.core.Future;

/**
 * How one log is asked for anything (head, entries, tiles, issuers): each request first waits for its
 * operator's budget, a 429 holds that budget for its Retry-After, and the bytes received are counted for
 * the log (the cost per entry delivered in {@code /stats} and {@code /metrics}). Used on the watcher's
 * event loop only.
 */
public final class LogClient {

    private final CtHttpClient http;
    private final OperatorBudget budget;
    private final WatcherMetrics metrics;
    private final String log;
    private long bytesFetched;

    public LogClient(CtHttpClient http, OperatorBudget budget, WatcherMetrics metrics, LogSource source) {
        this.http = http;
        this.budget = budget;
        this.metrics = metrics;
        this.log = source.url();
    }

    /** The body of a 2xx answer (see {@link CtHttpClient#get}). */
    public Future<byte[]> get(String url) {
        return fetch(url, -1).map(CtResponse::body);
    }

    /** The answer from byte {@code rangeFrom} on, or whole when it is negative (see {@link CtHttpClient#fetch}). */
    public Future<CtResponse> fetch(String url, long rangeFrom) {
        return budget.acquire().compose(go -> http.fetch(url, rangeFrom))
                .onSuccess(response -> {
                    bytesFetched += response.wireBytes();
                    metrics.bytesFetched(log, response.wireBytes());
                })
                .onFailure(failure -> {
                    if (failure instanceof FetchException f && f.kind() == FetchException.Kind.RATE_LIMITED) {
                        budget.onTooManyRequests(f.retryAfter());
                    }
                });
    }

    /** Bytes received from this log so far (bodies as they crossed the network). */
    public long bytesFetched() {
        return bytesFetched;
    }

    public OperatorBudget budget() {
        return budget;
    }
}
