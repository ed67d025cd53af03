package dev.certstream.gateway.stream;

import io.vertx.core.buffer.Buffer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The text/event-stream framing: one {@code id:} + {@code data:} event per message (the JSON is one line,
 * so one data line), comments for heartbeats, and the opening {@code retry:}. The id is the cursor of the
 * position after the event, so the browser's own {@code Last-Event-ID} resumes the stream.
 */
public final class SseEvents {

    private SseEvents() {
    }

    /** An event carrying {@code json}; without an id line when {@code id} is null (Last-Event-ID then stays). */
    static Buffer event(Buffer json, String id) {
        byte[] head = ((id == null ? "" : "id: " + id + "\n") + "data: ").getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer(head.length + json.length() + 2).appendBytes(head).appendBuffer(json).appendString("\n\n");
    }

    /**
     * An event with an id and no data: the browser dispatches nothing but sets its Last-Event-ID, so a client
     * whose filter matched nothing for a while still resumes from a recent position.
     */
    static Buffer idOnly(String id) {
        return Buffer.buffer("id: " + id + "\n\n");
    }

    static Buffer heartbeat(long nowMillis) {
        return Buffer.buffer(": heartbeat " + BigDecimal.valueOf(nowMillis, 3).toPlainString() + "\n\n");
    }

    /** The first bytes of every SSE response: the reconnection delay, and a comment so headers go out now. */
    public static Buffer opening(long retryMillis, String filterKey) {
        return Buffer.buffer("retry: " + retryMillis + "\n: certstream" + (filterKey.isEmpty() ? "" : " filter "
                + filterKey.replace('\n', ' ').replace('\r', ' ')) + "\n\n");
    }
}
