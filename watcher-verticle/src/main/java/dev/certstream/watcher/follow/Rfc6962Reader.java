package dev.certstream.watcher.follow;

import dev.certstream.watcher.ct.LogClient;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.ct.SthCheck;
import dev.certstream.watcher.verify.Rfc6962Proofs;
import dev.certstream.watcher.verify.SignedTreeHead;
import dev.certstream.watcher.verify.TreeProofs;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;

/**
 * Reads an RFC 6962 log: {@code ct/v1/get-sth} for the head (its signature checked by {@link SthCheck}),
 * {@code ct/v1/get-entries} for entries, each page decoded and rendered by {@link Rfc6962Page} on a worker
 * thread.
 */
public final class Rfc6962Reader implements LogReader {

    private final WorkerExecutor workers;
    private final LogClient http;
    private final EnvelopeRenderer envelopes;
    private final LogSource source;
    private final SthCheck heads;

    public Rfc6962Reader(WorkerExecutor workers, LogClient http, EnvelopeRenderer envelopes, LogSource source) {
        this.workers = workers;
        this.http = http;
        this.envelopes = envelopes;
        this.source = source;
        this.heads = new SthCheck(source);
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
        return http.get(url).map(body -> heads.treeSize(body, url));
    }

    @Override
    public SignedTreeHead lastHead() {
        return heads.lastHead();
    }

    @Override
    public TreeProofs proofs() {
        return new Rfc6962Proofs(source.url(), http::get);
    }

    @Override
    public Future<RenderedBatch> fetch(EntryRange range) {
        String url = source.url() + "ct/v1/get-entries?start=" + range.start() + "&end=" + (range.end() - 1);
        return http.get(url).compose(body -> workers.executeBlocking(
                () -> Rfc6962Page.render(body, source, range, url, envelopes), false));
    }
}
