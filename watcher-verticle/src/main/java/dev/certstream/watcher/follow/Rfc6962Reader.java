package dev.certstream.watcher.follow;

import dev.certstream.watcher.ct.CtHttpClient;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Reads an RFC 6962 log: {@code ct/v1/get-sth} for the head, {@code ct/v1/get-entries} for entries. */
public final class Rfc6962Reader implements LogReader {

    private final WorkerExecutor workers;
    private final CtHttpClient http;
    private final EntryPipeline pipeline;
    private final LogSource source;

    public Rfc6962Reader(WorkerExecutor workers, CtHttpClient http, EntryPipeline pipeline, LogSource source) {
        this.workers = workers;
        this.http = http;
        this.pipeline = pipeline;
        this.source = source;
    }

    @Override
    public LogSource source() {
        return source;
    }

    @Override
    public int alignment() {
        return 1;
    }

    @Override
    public Future<Long> fetchTreeSize() {
        String url = source.url() + "ct/v1/get-sth";
        return http.get(url).map(body -> treeSize(body, url));
    }

    static long treeSize(Buffer body, String url) {
        try {
            JsonObject sth = body.toJsonObject();
            Object size = sth.getValue("tree_size");
            if (size instanceof Number n && n.longValue() >= 0 && !(size instanceof Double) && !(size instanceof Float)) {
                return n.longValue();
            }
            throw new FetchException(FetchException.Kind.BAD_BODY, "get-sth from " + url + " has no valid tree_size");
        } catch (DecodeException | ClassCastException e) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "get-sth from " + url + " is not JSON: " + e.getMessage());
        }
    }

    @Override
    public Future<RenderedBatch> fetch(EntryRange range) {
        String url = source.url() + "ct/v1/get-entries?start=" + range.start() + "&end=" + (range.end() - 1);
        return http.get(url).compose(body -> workers.executeBlocking(() -> render(body, range, url), false));
    }

    private RenderedBatch render(Buffer body, EntryRange range, String url) {
        JsonArray entries;
        try {
            Object parsed = body.toJsonValue();
            if (!(parsed instanceof JsonObject page) || !(page.getValue("entries") instanceof JsonArray array)) {
                throw new FetchException(FetchException.Kind.BAD_BODY, "get-entries from " + url + " has no entries array");
            }
            entries = array;
        } catch (DecodeException e) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "get-entries from " + url + " is not JSON: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw new FetchException(FetchException.Kind.BAD_BODY, "get-entries from " + url + " returned no entries");
        }
        // A log never legitimately returns more than asked; extra entries would have unknown indices.
        int count = Math.min(entries.size(), range.length());
        return pipeline.renderPage(source, range.start(), entries, count);
    }
}
