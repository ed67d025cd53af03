package dev.certstream.watcher.follow;

import dev.certstream.watcher.WatcherConfig;
import dev.certstream.watcher.WatcherMetrics;
import dev.certstream.watcher.cluster.ProgressStore;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.contract.LogState;
import dev.certstream.contract.LogStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows one log for as long as it is told to: polls the head, keeps several requests in flight under
 * adaptive pacing and within the watcher's {@link FetchBudget}, backs off per log on failures (never giving
 * up), publishes in index order with no gap once its {@link FollowVerification} lets a batch go and while the
 * {@link PublishGate} lets it (fetching nothing more while it holds), and records progress after publishing. All of its state lives on the watcher's event loop.
 */
public final class LogFollower {

    private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);
    /** A head read this much later than due is counted from when it went out (see {@link #pollHead}). */
    private static final long DUE_SLACK_NANOS = 50_000_000;

    private final Vertx vertx;
    private final LogReader reader;
    private final ProgressStore progress;
    private final Outbox outbox;
    private final BatchRecorder recorder;
    private final PageCost cost = new PageCost();
    private final WatcherMetrics metrics;
    private final String watcherId;
    private final Pacer pacer;
    private final Backoff backoff;
    private final HeadSchedule schedule;
    private final UnreadableRanges unreadable;
    private final FollowVerification verification;
    private RangePlanner planner;
    private long treeSize = -1;
    private int inFlight;
    private boolean headPollPending;
    private long retryTimer = -1;
    private long pollTimer = -1;
    /** When the armed head read is due (System.nanoTime), 0 when none is armed. */
    private long headDueAt;
    /** Due: the schedule's time came while entries below the head were still to be requested; failed: retried. */
    private boolean headDue, headFailed;
    private boolean stopped;
    private LogState state = LogState.STARTING;
    private String lastError;
    private final FollowStart start = new FollowStart();

    public LogFollower(Vertx vertx, LogReader reader, ProgressStore progress, PublishPath path, WatcherConfig config,
                       WatcherMetrics metrics, String watcherId) {
        this.vertx = vertx;
        this.reader = reader;
        this.progress = progress;
        this.recorder = new BatchRecorder(reader.source(), metrics, progress);
        this.outbox = new Outbox(path, recorder::published, this::pump);
        this.metrics = metrics;
        this.watcherId = watcherId;
        int batch = reader.alignment() > 1 ? reader.alignment() : config.fetching().batchSize();
        this.pacer = new Pacer(config.pacing().maxRequestsPerLog(), batch);
        this.backoff = new Backoff(config.pacing().backoffMin(), config.pacing().backoffMax());
        this.unreadable = new UnreadableRanges(config.pacing().maxDecodeRetries(), reader.alignment() == 1);
        this.schedule = new HeadSchedule(config.fetching().pollInterval(), config.fetching().quietPolls(),
                config.fetching().quietPollMax());
        this.verification = new FollowVerification(vertx, reader, config.verify(), metrics.registry(), outbox);
    }

    LogSource source() { return reader.source(); }

    /**
     * Starts from the saved progress, or from the tree head for a log never seen before. Unreadable progress (a
     * cluster settling after a split) is asked for again: the head would skip what the last owner had not published.
     */
    public void start() {
        progress.loadProgress(source().url()).onComplete(loaded -> {
            if (stopped) {
                return;
            }
            if (loaded.failed()) {
                long delay = backoff.nextDelayMs(null);
                LOG.warn("{}: progress unreadable ({}); asking again in {} ms", source(), loaded.cause().getMessage(), delay);
                retryTimer = vertx.setTimer(delay, t -> { retryTimer = -1; start(); });
            } else if (loaded.result() != null) {
                verification.start(loaded.result().nextIndex(), loaded.result());
                begin(loaded.result().nextIndex(), "progress");
                LOG.info("{}: resuming at index {}", source(), loaded.result().nextIndex());
            } else {
                startAtHead();
            }
        });
    }

    /** Whether this follower withheld a batch: it publishes nothing more and must be replaced. */
    public boolean withheld() {
        return outbox.withheld();
    }

    private void startAtHead() {
        reader.fetchTreeSize().onComplete(head -> {
            if (stopped) {
                return;
            }
            if (head.failed()) {
                onFailure(head.cause(), null);
                return;
            }
            LOG.info("{}: first seen, starting at the tree head {}", source(), head.result());
            progress.save(source().url(), head.result());
            verification.startAtHead(head.result());
            begin(head.result(), "head");
        });
    }

    private void begin(long next, String from) {
        start.began(from, next);
        planner = new RangePlanner(next);
        outbox.startAt(next, verification::offer);
        state = LogState.FOLLOWING;
        pollHead();
    }

    public void stop() {
        stopped = true;
        state = LogState.STOPPED;
        verification.stop();
        vertx.cancelTimer(retryTimer);
        vertx.cancelTimer(pollTimer);
        outbox.stop();
    }

    private void pollHead() {
        if (stopped || headPollPending) {
            return;
        }
        headPollPending = true;
        headDue = false;
        long now = System.nanoTime();
        // The next read counts from when this one was due, not from when its timer fired: timers fire a few
        // ms late, and that lateness would walk the reads away from the publication they locked onto. A read
        // held back longer (entries still to request), or sent before it was due, counts from now.
        long late = now - headDueAt;
        long sentAt = headDueAt != 0 && late >= 0 && late < DUE_SLACK_NANOS ? headDueAt : now;
        headDueAt = 0;
        reader.fetchTreeSize().onComplete(head -> {
            headPollPending = false;
            if (stopped) {
                return;
            }
            headFailed = head.failed();
            if (head.succeeded()) {
                scheduleHead(sentAt, schedule.next(onTreeSize(head.result())));
                verification.onHead();
            } else {
                onFailure(head.cause(), null);
            }
            pump();
        });
    }

    /** Arms the next head read {@code delayMs} after the last one was due (so the cadence does not drift). */
    private void scheduleHead(long sentAtNanos, long delayMs) {
        vertx.cancelTimer(pollTimer);
        long wait = Math.max(1, delayMs - (System.nanoTime() - sentAtNanos) / 1_000_000);
        headDueAt = System.nanoTime() + wait * 1_000_000;
        pollTimer = vertx.setTimer(wait, t -> {
            pollTimer = -1;
            headDue = true;
            pollHeadIfDue();
        });
    }

    /** Reads the head once its time came, unless backing off or entries below the head are still to be requested. */
    private void pollHeadIfDue() {
        if (headDue && retryTimer < 0 && planner != null && planner.exhausted(treeSize)) {
            pollHead();
        }
    }

    /** Whether the head grew (a smaller one is reported and not followed). */
    private boolean onTreeSize(long size) {
        if (size < treeSize) {
            metrics.treeShrank(source().url());
            lastError = "tree shrank from " + treeSize + " to " + size + "; not following it back";
            LOG.warn("{}: {}", source(), lastError);
            return false;
        }
        if (size < outbox.nextToRelease() && treeSize < 0) {
            lastError = "saved progress " + outbox.nextToRelease() + " is beyond the tree size " + size;
            LOG.warn("{}: {}", source(), lastError);
        }
        boolean grew = treeSize >= 0 && size > treeSize;
        treeSize = Math.max(treeSize, size);
        return grew;
    }

    /**
     * Issues requests up to the pacing limit while the budget has room and the gate does not hold, then
     * reads the head if it is due and everything is requested.
     */
    private void pump() {
        if (stopped || planner == null || retryTimer >= 0) {
            return;
        }
        boolean noRoom = false;
        while (inFlight < pacer.inFlightLimit() && !outbox.holding()) {
            // While a range is being narrowed down to its bad entry, ask for one entry at a time.
            int batch = unreadable.narrowing() ? 1 : pacer.batchSize();
            EntryRange range = planner.next(treeSize, batch, reader.alignment());
            if (range == null) {
                break;
            }
            long estimate = cost.estimate(range.length(), reader.client().bytesFetched(), recorder.published());
            if (!outbox.reserve(range, estimate, this::pump)) {
                planner.giveBack(range.start(), range.end());
                noRoom = true;
                break;
            }
            inFlight++;
            reader.fetch(range).onComplete(result -> {
                inFlight--;
                if (stopped) {
                    return;
                }
                if (result.succeeded()) {
                    onBatch(range, result.result(), estimate);
                } else {
                    onFailure(result.cause(), range);
                    outbox.cancel(estimate);
                }
                pump();
            });
        }
        if (noRoom) {
            verification.yieldHeld(); // what it holds would keep the budget full while the fold waits for more
        }
        pollHeadIfDue();
    }

    private void onBatch(EntryRange range, RenderedBatch batch, long estimate) {
        backoff.reset();
        pacer.onSuccess();
        pacer.observePage(range.length(), batch.count(), range.end() >= treeSize);
        unreadable.succeeded(range);
        if (batch.count() < range.length()) {
            planner.giveBack(range.start() + batch.count(), range.end());
        }
        cost.rendered(batch.bytes(), batch.envelopes().size());
        outbox.complete(batch, estimate);
    }

    private void onFailure(Throwable cause, EntryRange range) {
        FetchException failure = cause instanceof FetchException f ? f
                : new FetchException(FetchException.Kind.BAD_BODY, String.valueOf(cause.getMessage()));
        metrics.fetchFailed(source().url(), failure.kind());
        verification.onFailure(failure);
        lastError = failure.getMessage();
        if (range != null && failure.kind() == FetchException.Kind.BAD_BODY && giveUpOn(range)) {
            return;
        }
        if (range != null) {
            planner.giveBack(range.start(), range.end());
        }
        if (failure.isOverload()) {
            pacer.onOverload();
        }
        long delay = backoff.nextDelayMs(failure.retryAfter());
        state = LogState.BACKOFF;
        vertx.cancelTimer(retryTimer);
        retryTimer = vertx.setTimer(delay, t -> {
            retryTimer = -1;
            state = LogState.FOLLOWING;
            if (planner == null) {
                startAtHead();
            } else if (treeSize < 0 || headFailed) {
                pollHead();
            }
            pump();
        });
        LOG.debug("{}: {} (retry in {} ms)", source(), failure.getMessage(), delay);
    }

    /** Skips a range that keeps failing to decode (counted, logged), so that one bad entry cannot stall the log. */
    private boolean giveUpOn(EntryRange range) {
        if (!unreadable.skipAfterFailure(range)) {
            return false;
        }
        List<SkippedEntry> skipped = new ArrayList<>();
        for (long i = range.start(); i < range.end(); i++) {
            skipped.add(new SkippedEntry(i, "unreadable after " + unreadable.maxRetries() + " attempts: " + lastError));
        }
        onBatch(range, RenderedBatch.skipped(range.start(), range.length(), skipped), 0);
        return true;
    }

    /** The status, with {@code bytes_per_entry} (what following the log costs) and where reading began ({@link FollowStart}). */
    public JsonObject stats() {
        LogStatus status = status();
        return start.addTo(status.toJson().put("bytes_per_entry", status.bytesPerEntry()));
    }

    public LogStatus status() {
        long next = planner == null ? -1 : outbox.nextToRelease();
        return new LogStatus(source().url(), source().name(), source().operator(), source().type().wireName(),
                treeSize, next, verification.shown(state), lastError, watcherId, reader.client().bytesFetched(),
                recorder.published(), reader.client().budget().status(), verification.status());
    }
}
