package dev.certstream.watcher.verify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One log's verification figures on the watcher's registry: {@code certstream_log_misbehaving{log}} (1 once
 * the log is caught, what an alert fires on), heads checked, the requests verification made, proofs that
 * failed, entries published verified and unverified, refused heads, and how long entries were held.
 */
public final class VerifierMeters implements VerifierMetrics {

    public static final String MISBEHAVING = "certstream.log.misbehaving";
    public static final String HEADS_CHECKED = "certstream.watcher.verify.heads";
    public static final String REQUESTS = "certstream.watcher.verify.requests";
    public static final String FAILURES = "certstream.watcher.verify.failures";
    public static final String DROPPED = "certstream.watcher.verify.dropped";
    public static final String VERIFIED = "certstream.watcher.entries.verified";
    public static final String UNVERIFIED = "certstream.watcher.entries.unverified";
    public static final String REJECTED = "certstream.watcher.heads.rejected";
    public static final String HOLD = "certstream.watcher.verify.hold";

    private final MeterRegistry registry;
    private final String log;
    private final AtomicInteger misbehaving = new AtomicInteger();
    private final Gauge gauge;

    public VerifierMeters(MeterRegistry registry, String log) {
        this.registry = registry;
        this.log = log;
        this.gauge = Gauge.builder(MISBEHAVING, misbehaving, AtomicInteger::get).tag("log", log)
                .description("1 while the log is caught misbehaving (entries not matching its signed root, inconsistent heads)")
                .register(registry);
    }

    @Override
    public void misbehaving(boolean caught) {
        misbehaving.set(caught ? 1 : 0);
    }

    @Override
    public void headChecked() {
        registry.counter(HEADS_CHECKED, "log", log).increment();
    }

    @Override
    public void proofRequested(String kind) {
        registry.counter(REQUESTS, "log", log, "kind", kind).increment();
    }

    @Override
    public void proofFailed() {
        registry.counter(FAILURES, "log", log).increment();
    }

    @Override
    public void pendingDropped(long count) {
        registry.counter(DROPPED, "log", log).increment(count);
    }

    /** Entries published with {@code verified} true and false. */
    public void published(long verified, long unverified) {
        if (verified > 0) {
            registry.counter(VERIFIED, "log", log).increment(verified);
        }
        if (unverified > 0) {
            registry.counter(UNVERIFIED, "log", log).increment(unverified);
        }
    }

    /** A head refused for its signature. */
    public void headRejected() {
        registry.counter(REJECTED, "log", log).increment();
    }

    /** How long a batch waited for verification before it was published. */
    public void held(Duration wait) {
        Timer.builder(HOLD).tag("log", log).register(registry).record(wait);
    }

    /** Takes the log's gauge away (the log is no longer followed here, so this watcher says nothing of it). */
    public void close() {
        registry.remove(gauge);
    }
}
