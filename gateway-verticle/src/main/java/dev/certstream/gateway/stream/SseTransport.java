package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An SSE client: a chunked text/event-stream response that never ends while the client reads it. */
public final class SseTransport implements ClientTransport {

    private static final Logger LOG = LoggerFactory.getLogger(SseTransport.class);

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final StreamKind kind;
    private final String remote;

    public SseTransport(HttpServerRequest request, StreamKind kind, int socketBufferBytes) {
        this.request = request;
        this.response = request.response();
        this.kind = kind;
        this.remote = String.valueOf(request.remoteAddress());
        response.setWriteQueueMaxSize(socketBufferBytes);
    }

    @Override
    public void bind(ClientSession session, Runnable onClosed) {
        response.drainHandler(v -> session.flush());
        response.exceptionHandler(error -> LOG.debug("SSE error, client {}: {}", remote, error.toString()));
        response.closeHandler(v -> onClosed.run());
        if (response.closed()) {
            throw new IllegalStateException("closed before the stream started"); // the close handler will not run
        }
    }

    @Override
    public Buffer pick(Outgoing message, StreamKind kind) {
        return message.sse(kind);
    }

    @Override
    public Buffer frame(Buffer json, String id) {
        return SseEvents.event(json, id);
    }

    @Override
    public boolean eventStream() {
        return true;
    }

    @Override
    public void write(Buffer bytes) {
        response.write(bytes);
    }

    @Override
    public boolean writeQueueFull() {
        if (response.closed()) {
            throw new IllegalStateException("closed");
        }
        return response.writeQueueFull();
    }

    @Override
    public boolean pingOrProbe() {
        return !response.closed() && !response.writeQueueFull();
    }

    /** Ends the stream by closing the connection; an EventSource reconnects after its retry delay. */
    @Override
    public void close(short code, String reason) {
        request.connection().close();
    }

    @Override
    public String route() {
        return "/events?stream=" + StreamNames.of(kind);
    }

    @Override
    public String name() {
        return "sse";
    }

    @Override
    public String remote() {
        return remote;
    }
}
