package dev.certstream.watcher.follow;

import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.cluster.LogProgress;
import dev.certstream.watcher.cluster.ProgressStore;
import dev.certstream.watcher.ct.LogSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a log's path, once a batch went out whole: counts it, counts and logs its skipped entries, and
 * records its progress (with the Merkle frontier its verification gave). Event-loop confined.
 */
final class BatchRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRecorder.class);

    private final LogSource source;
    private final WatcherMetrics metrics;
    private final ProgressStore progress;
    private long published;

    BatchRecorder(LogSource source, WatcherMetrics metrics, ProgressStore progress) {
        this.source = source;
        this.metrics = metrics;
        this.progress = progress;
    }

    void published(RenderedBatch batch, LogProgress saved) {
        for (SkippedEntry skip : batch.skipped()) {
            metrics.entrySkipped(source.url());
            LOG.warn("{}: skipped entry {}: {}", source, skip.index(), skip.reason());
        }
        metrics.published(source.url(), batch.envelopes().size());
        published += batch.envelopes().size();
        progress.save(source.url(), saved);
    }

    /** Entries published so far. */
    long published() {
        return published;
    }
}
