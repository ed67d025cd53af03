package dev.certstream.systest.client;

import dev.certstream.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain websocket client (the JDK's) on one stream: keeps the text messages it receives (up to a
 * bound, counting the rest), counts binary frames, and records how the connection ended.
 */
public final class StreamClient implements WebSocket.Listener, AutoCloseable {

    /** Messages kept for assertions; a test needs tens, and a forgotten client must not fill the heap. */
    private static final int KEPT_MESSAGES = 20_000;

    private final String url;
    private final List<String> texts = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger textCount = new AtomicInteger();
    private final AtomicInteger binaryFrames = new AtomicInteger();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private StreamClient(String url) {
        this.url = url;
    }

    /** Connects (HTTP/1.1 upgrade) and waits for the handshake. */
    public static StreamClient connect(String url) {
        StreamClient client = new StreamClient(url);
        try {
            client.socket = Http.CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(url), client).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("websocket connect to " + url + " failed: " + e, e);
        }
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (this) {
            partial.append(data);
            if (last) {
                textCount.incrementAndGet();
                if (texts.size() < KEPT_MESSAGES) {
                    texts.add(partial.toString());
                }
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (last) {
            binaryFrames.incrementAndGet();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        // No close frame (reset, abort): 1006 is what browsers report for that.
        closed.complete(1006);
    }

    /** A snapshot of the text messages kept so far, in arrival order. */
    public synchronized List<String> texts() {
        return new ArrayList<>(texts);
    }

    /** The kept messages parsed, in arrival order. */
    public List<JsonNode> messages() {
        List<JsonNode> parsed = new ArrayList<>();
        for (String text : texts()) {
            try {
                parsed.add(Http.JSON.readTree(text));
            } catch (IOException e) {
                throw new AssertionError("a frame on " + url + " is not JSON: " + text, e);
            }
        }
        return parsed;
    }

    /** The kept messages of one {@code message_type}. */
    public List<JsonNode> messages(String type) {
        return messages().stream().filter(m -> type.equals(m.path("message_type").asText())).toList();
    }

    /** Waits until {@code count} messages of {@code type} arrived; fails if the server closes us first. */
    public void awaitMessages(String type, int count, Duration deadline) {
        Wait.until(count + " " + type + " messages on " + url, deadline, () -> {
            if (closed.isDone()) {
                throw new AssertionError("the server closed " + url + " with " + closed.join());
            }
            return messages(type).size() >= count;
        });
    }

    public int textCount() {
        return textCount.get();
    }

    public int binaryFrames() {
        return binaryFrames.get();
    }

    public String url() {
        return url;
    }

    /** Completes with the close status once the server closed the connection (1006 without a close frame). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public WebSocket socket() {
        return socket;
    }

    /** A normal close from our side; waits until the server answers or the deadline passes. */
    @Override
    public void close() {
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
