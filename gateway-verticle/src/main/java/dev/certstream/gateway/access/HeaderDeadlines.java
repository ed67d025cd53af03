package dev.certstream.gateway.access;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * Closes a connection whose request headers have not all arrived within the deadline after it opened or
 * after its previous response: a client that connects and stays silent, or sends half its headers (or half
 * a websocket upgrade), otherwise holds a socket and a buffer forever. Vert.x's idle timeout cannot do this
 * (it counts any byte as activity, and a streaming client legitimately sends nothing). One per gateway
 * instance; only its event loop calls it.
 */
public final class HeaderDeadlines {

    private final Vertx vertx;
    private final long timeoutMillis;
    private final Runnable onExpired;
    private final Map<HttpConnection, Long> waiting = new HashMap<>();

    public HeaderDeadlines(Vertx vertx, java.time.Duration timeout, Runnable onExpired) {
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
        this.onExpired = onExpired;
    }

    /** A connection opened: its first request's headers are due. */
    public void opened(HttpConnection connection) {
        connection.closeHandler(v -> cancel(connection));
        await(connection);
    }

    /** A request's headers arrived: no deadline while it is served; the next request's is due after it. */
    public void requestArrived(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        cancel(connection);
        request.response().endHandler(v -> await(connection));
    }

    private void await(HttpConnection connection) {
        cancel(connection);
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (waiting.remove(connection) != null) {
                onExpired.run();
                connection.close();
            }
        });
        waiting.put(connection, timer);
    }

    private void cancel(HttpConnection connection) {
        Long timer = waiting.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** Connections waiting for request headers now. */
    public int waiting() {
        return waiting.size();
    }
}
