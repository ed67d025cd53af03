package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import io.vertx.core.buffer.Buffer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The text/event-stream framing: one {@code id:} + {@code data:} event per message (the JSON is one line,
 * so one data line), comments for heartbeats, and the opening {@code retry:}.
 */
final class SseEvents {

    private SseEvents() {
    }

    /**
     * The event id of a certificate: its log URL (without trailing slash), '/', its index. Subscriptions II
     * turns it into a resume cursor; until then a client can read the (log, index) from it.
     */
    static String id(CertificateEnvelope envelope) {
        String log = envelope.logUrl();
        int end = log.length();
        while (end > 0 && log.charAt(end - 1) == '/') {
            end--;
        }
        return log.substring(0, end) + '/' + envelope.index();
    }

    static Buffer event(CertificateEnvelope envelope, StreamKind kind) {
        Buffer json = envelope.rendering(kind);
        byte[] head = ("id: " + id(envelope) + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer(head.length + json.length() + 2).appendBytes(head).appendBuffer(json).appendString("\n\n");
    }

    static Buffer heartbeat(long nowMillis) {
        return Buffer.buffer(": heartbeat " + BigDecimal.valueOf(nowMillis, 3).toPlainString() + "\n\n");
    }

    /** The first bytes of every SSE response: the reconnection delay, and a comment so headers go out now. */
    static Buffer opening(long retryMillis, String filterKey) {
        return Buffer.buffer("retry: " + retryMillis + "\n: certstream" + (filterKey.isEmpty() ? "" : " filter "
                + filterKey.replace('\n', ' ').replace('\r', ' ')) + "\n\n");
    }
}
