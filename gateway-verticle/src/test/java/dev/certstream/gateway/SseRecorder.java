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
        return GatewayHarness.await(http.request(HttpMethod.GET, uri)
                .compose(req -> req.putHeader("Accept", "text/event-stream").send())
                .map(SseRecorder::new));
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
