package dev.certstream.systest.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Calls HTTP routes over and over (one thread per URL, one call at a time) and records how long each call
 * took and what it answered, so a test can show that no call hung while a cluster member was killed or
 * frozen. A call that gets no answer within {@link #CALL_TIMEOUT} is recorded with status -1.
 */
public final class RoutePoller implements AutoCloseable {

    /** Longer than any bound a test asserts, so a hang shows as a long call, not as a missing one. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Calls kept: a scenario polls a few URLs a few times a second for about a minute (~1,000 calls). */
    private static final int MAX_CALLS = 5_000;
    /** Body characters kept per call: enough for /stats and /latest.json (25 lite messages). */
    private static final int MAX_BODY_CHARS = 256 * 1024;

    /** One call: when it started (System.nanoTime), how long it took, the status (-1: no answer) and the body. */
    public record Call(String url, long startNanos, long millis, int status, String body) {
    }

    private final ExecutorService threads;
    private final List<Call> calls = new ArrayList<>();
    private volatile boolean running = true;

    private RoutePoller(List<String> urls, Duration pause) {
        threads = Executors.newFixedThreadPool(urls.size(), runnable -> {
            Thread thread = new Thread(runnable, "route-poller");
            thread.setDaemon(true);
            return thread;
        });
        for (String url : urls) {
            threads.execute(() -> poll(url, pause));
        }
    }

    /** Starts polling each URL, pausing {@code pause} between calls. */
    public static RoutePoller start(List<String> urls, Duration pause) {
        return new RoutePoller(urls, pause);
    }

    private void poll(String url, Duration pause) {
        while (running) {
            long start = System.nanoTime();
            int status;
            String body;
            try {
                HttpResponse<String> response = Http.CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(CALL_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                body = response.body().length() > MAX_BODY_CHARS ? response.body().substring(0, MAX_BODY_CHARS)
                        : response.body();
            } catch (IOException e) {
                status = -1;
                body = e.toString();
            } catch (InterruptedException e) {
                return;
            }
            record(new Call(url, start, (System.nanoTime() - start) / 1_000_000, status, body));
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(Call call) {
        if (calls.size() < MAX_CALLS) {
            calls.add(call);
        }
    }

    /** The calls finished so far, in completion order. */
    public synchronized List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** Stops polling and waits for the calls in progress (each ends within {@link #CALL_TIMEOUT}). */
    @Override
    public void close() {
        running = false;
        threads.shutdown();
        try {
            if (!threads.awaitTermination(CALL_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
