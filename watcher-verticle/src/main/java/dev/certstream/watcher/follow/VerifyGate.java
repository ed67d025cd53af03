package dev.certstream.watcher.follow;

import dev.certstream.watcher.VerifySettings;
import dev.certstream.watcher.cluster.LogProgress;
import dev.certstream.watcher.verify.LogVerifier;
import dev.certstream.watcher.verify.ProgressMark;
import dev.certstream.watcher.verify.VerifierMeters;

import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Between a log's batches, folded in index order, and publishing them. Before publishing (the default), a
 * batch waits until a signed head covering it checked out; it goes out unverified once it waited
 * {@code maxWait}, when more than {@code holdLimit} entries wait, or at once when the log is caught
 * misbehaving or cannot be verified (no key). After publishing, every batch goes out at once. Either way
 * each entry's {@code verified} is set, in place, to what is true when it is sent, and no entry is ever
 * held back for good. Event-loop confined, like its follower.
 */
final class VerifyGate {

    /** What the follower does with a released batch: publishes it, then records this progress. */
    interface Release {
        void publish(RenderedBatch batch, LogProgress progress);
    }

    private record Held(RenderedBatch batch, ProgressMark progress, long heldAtNanos) {
    }

    private final Vertx vertx;
    private final VerifySettings settings;
    private final LogVerifier verifier;
    private final VerifierMeters meters;
    private final Release release;
    private final Deque<Held> held = new ArrayDeque<>();
    private long heldEntries;
    private long timer = -1;
    private boolean stopped;

    /** @param verifier the log's verifier, or null when it is not verified (off, or no usable key) */
    VerifyGate(Vertx vertx, VerifySettings settings, LogVerifier verifier, VerifierMeters meters, Release release) {
        this.vertx = vertx;
        this.settings = settings;
        this.verifier = verifier;
        this.meters = meters;
        this.release = release;
    }

    /** A batch just folded, with the progress to record once it is published. */
    void offer(RenderedBatch batch, ProgressMark progress) {
        if (stopped) {
            return;
        }
        held.addLast(new Held(batch, progress, System.nanoTime()));
        heldEntries += batch.count();
        release();
    }

    /** Publishes what may go now: what checked out, what waited too long, what is beyond the hold limit. */
    void release() {
        boolean holding = verifier != null && !verifier.misbehaving()
                && settings.mode() == VerifySettings.Mode.BEFORE_PUBLISH;
        long now = System.nanoTime();
        while (!held.isEmpty() && !stopped) {
            Held first = held.peekFirst();
            boolean checked = verifier != null && verifier.verifiedSize() >= first.batch().end();
            boolean waitedEnough = now - first.heldAtNanos() >= settings.maxWait().toNanos();
            if (holding && !checked && !waitedEnough && heldEntries <= settings.holdLimit()) {
                break;
            }
            held.removeFirst();
            heldEntries -= first.batch().count();
            publish(first, holding, now);
        }
        arm();
    }

    private void publish(Held batch, boolean holding, long now) {
        long verified = 0;
        RenderedBatch b = batch.batch();
        for (int i = 0; i < b.envelopes().size(); i++) {
            if (verifier != null && verifier.verified(b.envelopes().get(i).index())) {
                b.renderings().get(i).markVerified();
                verified++;
            }
        }
        meters.published(verified, b.envelopes().size() - verified);
        if (holding) {
            meters.held(Duration.ofNanos(now - batch.heldAtNanos()));
        }
        release.publish(b, batch.progress().get());
    }

    /** Wakes up when the oldest batch has waited long enough. */
    private void arm() {
        if (timer >= 0 || held.isEmpty() || stopped) {
            return;
        }
        long waited = System.nanoTime() - held.peekFirst().heldAtNanos();
        long delayMs = Math.max(1, (settings.maxWait().toNanos() - waited) / 1_000_000 + 1);
        timer = vertx.setTimer(delayMs, t -> {
            timer = -1;
            release();
        });
    }

    /** Entries waiting now. */
    long heldEntries() {
        return heldEntries;
    }

    /** Drops what waits (this watcher no longer publishes the log; its next owner publishes it). */
    void stop() {
        stopped = true;
        vertx.cancelTimer(timer);
        held.clear();
        heldEntries = 0;
    }
}
