package dev.certstream.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An SSE client on a real HTTP connection that records the events and comments it reads, as blocks. */
final class SseRecorder {

    /** One block of the stream: its id and data lines (null when absent) and its comment lines. */
    record Block(String id, String data, List<String> comments, String retry) {
    }

    final int status;
    final MultiMap headers;
    final HttpClientResponse response;
    final List<Block> blocks = new CopyOnWriteArrayList<>();
    private final StringBuilder pending = new StringBuilder();

    private SseRecorder(HttpClientResponse response) {
        this.response = response;
        this.status = response.statusCode();
        this.headers = response.headers();
        response.handler(this::onData);
    }

    static SseRecorder open(HttpClient http, String uri) {
        return open(http, uri, null);
    }

    /** Opens the stream the way a reconnecting EventSource does: with the last id it saw, when not null. */
    static SseRecorder open(HttpClient http, String uri, String lastEventId) {
        return GatewayHarness.await(http.request(HttpMethod.GET, uri)
                .compose(req -> {
                    req.putHeader("Accept", "text/event-stream");
                    if (lastEventId != null) {
                        req.putHeader("Last-Event-ID", lastEventId);
                    }
                    return req.send();
                })
                .map(SseRecorder::new));
    }

    /** The id the browser would send on reconnecting: that of the last block carrying one. */
    String lastEventId() {
        String id = null;
        for (Block block : blocks) {
            id = block.id() != null ? block.id() : id;
        }
        return id;
    }

    private synchronized void onData(Buffer chunk) {
        pending.append(chunk.toString());
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            String block = pending.substring(0, end);
            pending.delete(0, end + 2);
            String id = null;
            String data = null;
            String retry = null;
            List<String> comments = new java.util.ArrayList<>();
            for (String line : block.split("\n")) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? line.substring(6) : data + "\n" + line.substring(6);
                } else if (line.startsWith("retry: ")) {
                    retry = line.substring(7);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                }
            }
            blocks.add(new Block(id, data, comments, retry));
        }
    }

    List<Block> events() {
        return blocks.stream().filter(b -> b.data() != null).toList();
    }

    List<String> data() {
        return events().stream().map(Block::data).toList();
    }
}
