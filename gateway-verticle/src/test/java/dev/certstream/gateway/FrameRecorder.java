package dev.certstream.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what one test websocket client receives: every data frame (type and bytes), the pings and the close. */
final class FrameRecorder {

    final WebSocket socket;
    final List<Buffer> texts = new CopyOnWriteArrayList<>();
    final AtomicInteger binaryFrames = new AtomicInteger();
    /** Pings the server sent (Vert.x answers each with a pong by itself). */
    final AtomicInteger pings = new AtomicInteger();
    final AtomicBoolean closed = new AtomicBoolean();
    volatile Short closeCode;

    FrameRecorder(WebSocket socket) {
        this.socket = socket;
        socket.frameHandler(frame -> {
            if (frame.isText()) {
                texts.add(frame.binaryData().copy());
            } else if (frame.isBinary()) {
                binaryFrames.incrementAndGet();
            } else if (frame.type() == WebSocketFrameType.PING) {
                pings.incrementAndGet();
            }
        });
        socket.closeHandler(v -> {
            closeCode = socket.closeStatusCode();
            closed.set(true);
        });
    }

    /** Received text messages that are not heartbeats. */
    List<Buffer> certificates() {
        return texts.stream().filter(b -> !"heartbeat".equals(new JsonObject(b).getString("message_type"))).toList();
    }

    List<JsonObject> heartbeats() {
        return texts.stream().map(JsonObject::new).filter(j -> "heartbeat".equals(j.getString("message_type"))).toList();
    }
}
