package dev.certstream.watcher.follow;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.cluster.LogProgress;
import dev.certstream.watcher.cluster.ProgressStore;
import dev.certstream.watcher.ct.LogSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The end of a log's path: publishes a batch's envelopes, counts and logs its skipped entries, then records
 * its progress; nothing at all once this watcher's ownership of the log lapsed. Event-loop confined.
 */
final class BatchPublisher implements VerifyGate.Release {

    private static final Logger LOG = LoggerFactory.getLogger(BatchPublisher.class);

    private final LogSource source;
    private final Consumer<CertificateEnvelope> publisher;
    private final BooleanSupplier mayPublish;
    private final WatcherMetrics metrics;
    private final ProgressStore progress;
    private long published;

    /** @param mayPublish asked before each batch is published: false once this watcher's ownership lapsed */
    BatchPublisher(LogSource source, Consumer<CertificateEnvelope> publisher, BooleanSupplier mayPublish,
                   WatcherMetrics metrics, ProgressStore progress) {
        this.source = source;
        this.publisher = publisher;
        this.mayPublish = mayPublish;
        this.metrics = metrics;
        this.progress = progress;
    }

    @Override
    public void publish(RenderedBatch batch, LogProgress saved) {
        if (!mayPublish.getAsBoolean()) {
            return; // not ours any more: neither published nor recorded, the log's next owner publishes it
        }
        for (CertificateEnvelope envelope : batch.envelopes()) {
            publisher.accept(envelope);
        }
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
