package dev.certstream.bench;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes realistic certificates on {@link BusAddresses#CERTIFICATES} at a steady rate, as a watcher
 * following busy logs would, each stamped with {@code seen} = now; spread round-robin over a few logs with
 * consecutive indices, so clients can check continuity. Stops after {@code limit} certificates.
 */
public final class PacedPublisher extends VerticleBase {

    /** Timer period: short enough that a 300/s rate goes out in bursts of 1-2, not 30. */
    private static final long TICK_MILLIS = 5;
    /** How far behind schedule the publisher may fall before it skips ahead instead of bursting. */
    private static final double MAX_BACKLOG_SECONDS = 1.0;
    private static final Logger LOG = LoggerFactory.getLogger(PacedPublisher.class);

    private final SampleCertificates samples;
    private final double perSecond;
    private final int logs;
    private final long limit;
    private final long[] nextIndex;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong liteBytes = new AtomicLong();
    private long scheduled;
    private long startNanos;
    private volatile long skipped;

    /** {@code limit}: certificates to publish in all, {@code Long.MAX_VALUE} for no end. */
    public PacedPublisher(SampleCertificates samples, double perSecond, int logs, long limit) {
        if (perSecond <= 0 || logs < 1 || limit < 0) {
            throw new IllegalArgumentException("rate and logs must be positive, limit not negative");
        }
        this.samples = samples;
        this.perSecond = perSecond;
        this.logs = logs;
        this.limit = limit;
        this.nextIndex = new long[logs];
    }

    /** The URL of bench log {@code i}. */
    public static String logUrl(int i) {
        return "https://bench" + i + ".ct.example.net/";
    }

    @Override
    public Future<?> start() {
        startNanos = System.nanoTime();
        vertx.setPeriodic(TICK_MILLIS, id -> {
            if (published.get() >= limit) {
                vertx.cancelTimer(id);
                return;
            }
            publishDue();
        });
        return Future.succeededFuture();
    }

    private void publishDue() {
        long due = (long) ((System.nanoTime() - startNanos) / 1e9 * perSecond);
        if (due - scheduled > perSecond * MAX_BACKLOG_SECONDS) {
            skipped += due - scheduled;
            LOG.warn("publisher fell {} certificates behind its {}/s schedule (event loop starved); skipping ahead",
                    due - scheduled, perSecond);
            scheduled = due;
            return;
        }
        while (scheduled < due && published.get() < limit) {
            scheduled++;
            int log = (int) (published.get() % logs);
            long index = nextIndex[log]++;
            CertificateEnvelope envelope = samples.envelope(logUrl(log), "Bench log " + log, index, WallClock.nowMicros());
            vertx.eventBus().publish(BusAddresses.CERTIFICATES, envelope);
            liteBytes.addAndGet(envelope.lite().length());
            published.incrementAndGet();
        }
    }

    /** Certificates published so far (any thread). */
    public long published() {
        return published.get();
    }

    /** Bytes of the lite renderings published so far (any thread): what each {@code /} client should receive. */
    public long liteBytes() {
        return liteBytes.get();
    }

    /** Certificates not published because the schedule ran ahead of this verticle's event loop. */
    public long skipped() {
        return skipped;
    }
}
