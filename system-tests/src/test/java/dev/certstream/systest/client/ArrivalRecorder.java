package dev.certstream.systest.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A websocket client on a certificate stream that keeps, per log ({@code source.url}), every
 * {@code cert_index} it receives with its arrival time, and how the connection ended: what the cluster
 * tests check for gaps, duplicates and takeover times. Messages themselves are not kept.
 */
public final class ArrivalRecorder implements WebSocket.Listener, AutoCloseable {

    /** One certificate as this client saw it, and whether it came verified against its log's tree. */
    public record Arrival(long index, long nanos, boolean verified) {
    }

    /**
     * Arrivals kept over all logs: a cluster test runs minutes at ~60 certificates/s (~20k), and a
     * forgotten client must not fill the test JVM's heap; past the bound only the count grows.
     */
    public static final int MAX_ARRIVALS = 500_000;

    private final String name;
    private final String url;
    private final Map<String, List<Arrival>> byLog = new LinkedHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private int kept;
    private long certificates;
    private long heartbeats;
    private long unreadable;
    private volatile long closedNanos;
    private WebSocket socket;

    private ArrivalRecorder(String name, String url) {
        this.name = name;
        this.url = url;
    }

    /** Connects and waits for the handshake. */
    public static ArrivalRecorder connect(String name, String url) {
        ArrivalRecorder recorder = new ArrivalRecorder(name, url);
        try {
            recorder.socket = Http.CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(url), recorder).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("websocket connect to " + url + " failed: " + e, e);
        }
        return recorder;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        synchronized (this) {
            partial.append(data);
            if (last) {
                record(partial.toString(), now);
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    private void record(String text, long now) {
        JsonNode message;
        try {
            message = Http.JSON.readTree(text);
        } catch (IOException e) {
            unreadable++;
            return;
        }
        String type = message.path("message_type").asText();
        if ("heartbeat".equals(type)) {
            heartbeats++;
            return;
        }
        JsonNode data = message.path("data");
        String log = data.path("source").path("url").asText(null);
        if (!"certificate_update".equals(type) || log == null || !data.path("cert_index").canConvertToLong()) {
            unreadable++;
            return;
        }
        certificates++;
        if (kept < MAX_ARRIVALS) {
            kept++;
            byLog.computeIfAbsent(log, k -> new ArrayList<>()).add(new Arrival(data.path("cert_index").asLong(), now,
                    data.path("verified").asBoolean(false)));
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        synchronized (this) {
            unreadable++;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedNanos = System.nanoTime();
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        // No close frame (reset, abort): 1006 is what browsers report for that.
        closedNanos = System.nanoTime();
        closed.complete(1006);
    }

    /** A copy of one log's arrivals, in arrival order (empty when none). */
    public synchronized List<Arrival> arrivals(String log) {
        return new ArrayList<>(byLog.getOrDefault(log, List.of()));
    }

    /** The indices of {@code log} at or above {@code from} that arrived with {@code verified} false. */
    public synchronized List<Long> unverifiedFrom(String log, long from) {
        return byLog.getOrDefault(log, List.of()).stream().filter(a -> a.index() >= from && !a.verified())
                .map(Arrival::index).toList();
    }

    /** The logs heard from so far. */
    public synchronized List<String> logs() {
        return new ArrayList<>(byLog.keySet());
    }

    /** The highest index received per log. */
    public synchronized Map<String, Long> highestIndices() {
        Map<String, Long> highest = new LinkedHashMap<>();
        byLog.forEach((log, list) -> highest.put(log, list.stream().mapToLong(Arrival::index).max().orElse(-1)));
        return highest;
    }

    /** How many certificates of {@code log} arrived after {@code sinceNanos}. */
    public synchronized int countSince(String log, long sinceNanos) {
        return (int) byLog.getOrDefault(log, List.of()).stream().filter(a -> a.nanos() > sinceNanos).count();
    }

    public synchronized long certificates() {
        return certificates;
    }

    public synchronized long heartbeats() {
        return heartbeats;
    }

    /** Frames that were not JSON certificate updates or heartbeats (binary, garbage, missing fields). */
    public synchronized long unreadable() {
        return unreadable;
    }

    /** Completes with the close status once the connection ended (1006 without a close frame). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** Distinct indices received per log, counting only those at or below the log's limit (absent: none). */
    public synchronized Map<String, Long> distinctCountsUpTo(Map<String, Long> limits) {
        Map<String, Long> counts = new LinkedHashMap<>();
        byLog.forEach((log, list) -> {
            long limit = limits.getOrDefault(log, -1L);
            counts.put(log, list.stream().mapToLong(Arrival::index).filter(i -> i <= limit).distinct().count());
        });
        return counts;
    }

    /** When the connection ended (System.nanoTime), or 0 while open. */
    public long closedNanos() {
        return closedNanos;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    @Override
    public String toString() {
        return name + " (" + url + ")";
    }

    /** A normal close from our side; aborts when the server does not answer in time. */
    @Override
    public void close() {
        if (closed.isDone()) {
            return;
        }
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        try {
            closed.get(10, TimeUnit.SECONDS);
        } catch (Exception timeoutOrFailure) {
            socket.abort();
        }
    }
}
