package dev.certstream.watcher.follow;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.watcher.cluster.LogProgress;

import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One log's way out: batches wait in the {@link ReorderBuffer} until they continue the published sequence,
 * go in index order to the log's verification, and what it releases goes out envelope by envelope while the
 * {@link PublishGate} lets it, so a batch may go out in parts
 * (it counts as done, with its progress, once all of it went). What is fetched but not yet published is
 * held in the watcher's {@link FetchBudget} ({@link HeldBytes}): each request's estimate, then its batch's
 * real size, given back as its envelopes go out. Not thread-safe: the follower's event loop owns it.
 */
final class Outbox implements VerifyGate.Release {

    private record Ready(RenderedBatch batch, LogProgress progress) {
    }

    private final PublishPath path;
    private final HeldBytes bytes;
    private final BiConsumer<RenderedBatch, LogProgress> done;
    private final Runnable onGateOpen;
    private Consumer<RenderedBatch> inOrder;
    private final ArrayDeque<Ready> ready = new ArrayDeque<>();
    private ReorderBuffer reorder;
    /** Envelopes of the first ready batch already published. */
    private int sent;
    private boolean awaitingGate;
    private boolean stopped;
    /** A batch was dropped (ownership lapsed): nothing after it may go out either, or clients would see a gap. */
    private boolean withheld;

    /**
     * @param done       a batch went out whole: count it and save its progress
     * @param onGateOpen runs after what waited for the gate went out (the follower fetches on)
     */
    Outbox(PublishPath path, BiConsumer<RenderedBatch, LogProgress> done, Runnable onGateOpen) {
        this.path = path;
        this.bytes = new HeldBytes(path.budget());
        this.done = done;
        this.onGateOpen = onGateOpen;
    }

    /**
     * Publishing starts at this index (where progress or the head said reading begins).
     *
     * @param inOrder takes each batch once it continues the sequence (the log's verification, which hands
     *                it back through {@link #publish})
     */
    void startAt(long next, Consumer<RenderedBatch> inOrder) {
        this.reorder = new ReorderBuffer(next);
        this.inOrder = inOrder;
    }

    /** The next index to publish. */
    long nextToRelease() {
        return reorder.nextToRelease();
    }

    /**
     * Takes room for a request about to go out; false (the follower is called back once bytes are given
     * back) when there is none. The lowest range missing under held batches always goes, since they can be
     * published only after it.
     */
    boolean reserve(EntryRange range, long estimate, Runnable retry) {
        boolean unblocks = reorder.pending() > 0 && range.start() == reorder.nextToRelease();
        if (bytes.tryTake(estimate, unblocks)) {
            return true;
        }
        bytes.awaitRoom(retry);
        return false;
    }

    /** A request failed: its estimate is given back. */
    void cancel(long estimate) {
        bytes.give(estimate);
    }

    /** Whether the gate holds: fetching then waits too (the follower is called back when it opens). */
    boolean holding() {
        if (path.gate().holding()) {
            awaitGate();
            return true;
        }
        return false;
    }

    /** A request's answer: the estimate becomes the batch's size, and whatever now continues the sequence goes out. */
    void complete(RenderedBatch batch, long estimate) {
        bytes.settle(estimate, batch.bytes());
        reorder.complete(batch);
        for (RenderedBatch next : reorder.releasable()) {
            inOrder.accept(next);
        }
    }

    /** A batch its verification let go, with the progress to record once all of it went out. */
    @Override
    public void publish(RenderedBatch batch, LogProgress progress) {
        ready.add(new Ready(batch, progress));
        drain();
    }

    /** Whether a batch was withheld: this log's follower publishes nothing more and must be replaced. */
    boolean withheld() {
        return withheld;
    }

    /** Stops for good and gives back every byte held. */
    void stop() {
        stopped = true;
        bytes.releaseAll();
    }

    private void drain() {
        Ready first;
        while (!stopped && (first = ready.peek()) != null) {
            RenderedBatch batch = first.batch();
            withheld = withheld || sent == 0 && !path.mayPublish().getAsBoolean();
            if (withheld) {
                // Not ours any more: neither published nor recorded, the log's next owner publishes it; nor is
                // anything after it, even once publishing is allowed again (a new follower resumes from progress).
                ready.poll();
                bytes.give(batch.bytes());
                continue;
            }
            long went = 0;
            while (sent < batch.envelopes().size()) {
                if (!path.gate().open()) {
                    bytes.give(went);
                    awaitGate();
                    return;
                }
                CertificateEnvelope envelope = batch.envelopes().get(sent++);
                path.publisher().accept(envelope);
                went += envelope.retainedBytes();
            }
            ready.poll();
            sent = 0;
            bytes.give(went);
            done.accept(batch, first.progress());
        }
    }

    private void awaitGate() {
        if (!awaitingGate) {
            awaitingGate = true;
            path.gate().whenOpen(() -> {
                awaitingGate = false;
                if (!stopped) {
                    drain();
                    onGateOpen.run();
                }
            });
        }
    }
}
