package dev.certstream.watcher.follow;

import dev.certstream.watcher.ct.CtHttpClient;
import dev.certstream.watcher.ct.LogClient;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Reads an RFC 6962 log: {@code ct/v1/get-sth} for the head, {@code ct/v1/get-entries} for entries, each
 * page decoded and rendered by {@link Rfc6962Page} on a worker thread.
 */
public final class Rfc6962Reader implements LogReader {

    private final WorkerExecutor workers;
    private final LogClient http;
    private final EnvelopeRenderer envelopes;
    private final LogSource source;

    public Rfc6962Reader(WorkerExecutor workers, LogClient http, EnvelopeRenderer envelopes, LogSource source) {
        this.workers = workers;
        this.http = http;
        this.envelopes = envelopes;
        this.source = source;
    }

    @Override
    public LogSource source() {
        return source;
    }

    @Override
    public LogClient client() {
        return http;
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

    static long treeSize(byte[] body, String url) {
        try {
            JsonObject sth = CtHttpClient.wrap(body).toJsonObject();
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
        return http.get(url).compose(body -> workers.executeBlocking(
                () -> Rfc6962Page.render(body, source, range, url, envelopes), false));
    }
}
