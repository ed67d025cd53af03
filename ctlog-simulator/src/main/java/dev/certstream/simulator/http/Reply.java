package dev.certstream.simulator.http;

import io.vertx.core.buffer.Buffer;

import java.util.Map;

/**
 * An HTTP answer before it is sent, so faults can delay or truncate it after it is built.
 *
 * @param status      HTTP status
 * @param contentType Content-Type header
 * @param body        the body as it goes on the wire (already gzipped when Content-Encoding says so)
 * @param headers     extra headers
 */
record Reply(int status, String contentType, Buffer body, Map<String, String> headers) {

    static Reply json(String json) {
        return new Reply(200, "application/json", Buffer.buffer(json), Map.of());
    }

    static Reply error(int status, String message) {
        return new Reply(status, "text/plain; charset=utf-8", Buffer.buffer(message + "\n"), Map.of());
    }

    /** The same reply with its body cut in half (the TRUNCATE fault). */
    Reply truncated() {
        return new Reply(status, contentType, body.getBuffer(0, body.length() / 2), headers);
    }
}
