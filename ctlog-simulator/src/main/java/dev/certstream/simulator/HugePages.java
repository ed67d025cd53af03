package dev.certstream.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The huge-pages fault: a get-entries page or data tile of {@code hugePageBytes}, streamed chunked
 * without a Content-Length (so only a client that counts what it reads can stop it), written as fast as
 * the client reads and never held in memory: 64 KiB chunks, paused while the socket is full. The JSON
 * page is well formed ({@code {"entries":[{"leaf_input":"AAAA...","extra_data":""}]}}); the tile is zeros.
 */
final class HugePages {

    private static final int CHUNK = 64 * 1024;
    private static final byte[] JSON_OPEN = "{\"entries\":[{\"leaf_input\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON_CLOSE = "\",\"extra_data\":\"\"}]}".getBytes(StandardCharsets.US_ASCII);
    private static final Buffer BASE64_CHUNK = filled((byte) 'A');
    private static final Buffer ZERO_CHUNK = filled((byte) 0);

    private final HttpServerResponse response;
    private final boolean json;
    private final LongConsumer written;
    private long remaining;

    private HugePages(HttpServerResponse response, boolean json, long bytes, LongConsumer written) {
        this.response = response;
        this.json = json;
        this.written = written;
        this.remaining = bytes - (json ? JSON_OPEN.length + JSON_CLOSE.length : 0);
    }

    /** Starts streaming; {@code written} hears every chunk's length. */
    static void stream(HttpServerResponse response, boolean json, long bytes, LongConsumer written) {
        response.setChunked(true).putHeader("Content-Type", json ? "application/json" : "application/octet-stream");
        HugePages page = new HugePages(response, json, bytes, written);
        if (json) {
            page.write(Buffer.buffer(JSON_OPEN));
        }
        response.drainHandler(v -> page.pump());
        page.pump();
    }

    private void pump() {
        while (remaining > 0 && !response.closed() && !response.writeQueueFull()) {
            Buffer chunk = json ? BASE64_CHUNK : ZERO_CHUNK;
            int n = (int) Math.min(CHUNK, remaining);
            write(n == CHUNK ? chunk : chunk.getBuffer(0, n));
            remaining -= n;
        }
        if (remaining <= 0 && !response.closed() && !response.ended()) {
            if (json) {
                write(Buffer.buffer(JSON_CLOSE));
            }
            response.end();
        }
    }

    private void write(Buffer chunk) {
        response.write(chunk);
        written.accept(chunk.length());
    }

    private static Buffer filled(byte value) {
        byte[] bytes = new byte[CHUNK];
        Arrays.fill(bytes, value);
        return Buffer.buffer(bytes);
    }
}
