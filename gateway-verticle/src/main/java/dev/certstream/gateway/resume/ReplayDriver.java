package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.gateway.filter.SingleFilter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Brings one resuming client from its cursor to the live stream with no gap and no duplicate. First what the
 * local buffer no longer (or never) held is asked of a peer gateway, and what nobody holds is told as a gap;
 * then the local buffer is read block by block (on a worker) at the pace the client takes it; once the replay
 * has read everything the buffer holds and the buffer holds everything the client's live stream has passed,
 * the client joins the live stream, skipping per log what the replay already gave it. All of it runs on the
 * client's event loop, between reads; the live stream never waits for it.
 */
public final class ReplayDriver {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayDriver.class);
    /** How long a replay that caught up with the buffer waits for the buffer to catch up with the live stream. */
    private static final long CHASE_MILLIS = 5;
    /**
     * How long a replay that read all of the buffer waits for the buffer to get what the live stream passed
     * (normally milliseconds: the buffer is fed on arrival, the hubs after their linger) before it takes the
     * rest from peers or tells it as gaps (a buffer that started after the hub, say).
     */
    private static final long CHASE_LIMIT_NANOS = 2_000_000_000L;

    private final Vertx vertx;
    private final WorkerExecutor readers;
    private final ReplayBuffer buffer;
    private final ReplayTarget target;
    private final ResumeStats stats;
    private final int maxEntries;
    private final long maxBytes;
    private final StreamPosition position;
    private Predicate<CertificateEnvelope> wanted;
    private final PeerFill fill;
    private long seq;
    private long chasingSince;

    /**
     * @param buffer     this gateway's buffer, or null when it has none
     * @param peers      other gateways, or null when there are none
     * @param maxEntries entries delivered at once at most (half the client's queue, so a replay never drops)
     * @param maxBytes   bytes of the client's rendering delivered at once at most
     */
    public ReplayDriver(Vertx vertx, WorkerExecutor readers, ReplayBuffer buffer, PeerSource peers, ReplayTarget target,
                        Cursor since, ResumeStats stats, int maxEntries, long maxBytes) {
        this.vertx = vertx;
        this.readers = readers;
        this.buffer = buffer;
        this.target = target;
        this.stats = stats;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.position = new StreamPosition(since);
        this.fill = new PeerFill(vertx, peers, target, position, stats, this::deliver, maxEntries, maxBytes);
    }

    /** The client's position during the replay (its cursor and SSE ids): moves on as entries are passed. */
    public StreamPosition position() {
        return position;
    }

    public void start() {
        stats.started();
        onWorker(() -> SingleFilter.of(target.spec())).onComplete(built -> {
            if (built.failed()) {
                LOG.warn("resume: could not build the client's filter: {}", built.cause().toString());
                wanted = e -> false;
            } else {
                wanted = built.result();
            }
            planPeers();
        });
    }

    /** Runs a blocking task on the readers; a refusal (the gateway is stopping) is a failed future, not a throw. */
    private <T> Future<T> onWorker(java.util.concurrent.Callable<T> task) {
        try {
            return readers.executeBlocking(task, false);
        } catch (RuntimeException refused) {
            return Future.failedFuture(refused);
        }
    }

    /** What the local buffer cannot give: per log of the cursor, the indices before the buffer holds it. */
    private List<LogRange> missing() {
        List<LogRange> ranges = new ArrayList<>();
        StreamPosition live = target.livePosition();
        Cursor at = position.cursor();
        for (int i = 0; i < at.size(); i++) {
            int log = at.log(i);
            long heldFrom = buffer == null ? live.next(log) : buffer.coverageStart(log);
            String url = LogIds.url(log);
            if (heldFrom > at.mark(i) && url != null) {
                ranges.add(new LogRange(url, at.mark(i), heldFrom - 1));
            }
        }
        return ranges;
    }

    /** First what the buffer no longer (or never) held: from peers, or told as gaps. */
    private void planPeers() {
        LOG.debug("resume at {}: planning", position);
        if (target.closed()) {
            stats.abandoned();
            return;
        }
        fill.fill(missing(), this::startLocal);
    }

    private void startLocal() {
        if (buffer == null) {
            tryLive();
            return;
        }
        seq = buffer.startSeq(position.cursor());
        LOG.debug("resume at {}: reading the buffer from sequence {} (head {})", position, seq, buffer.headSeq());
        readNext();
    }

    private void readNext() {
        if (target.closed()) {
            stats.abandoned();
            return;
        }
        Cursor at = position.cursor();
        long from = seq;
        onWorker(() -> buffer.read(from, at, wanted, maxEntries, maxBytes, target.kind()))
                .onComplete(read -> {
                    if (read.failed()) {
                        LOG.warn("resume: reading the replay buffer failed: {}", read.cause().toString());
                        stats.abandoned();
                        target.abort("replay unavailable");
                        return;
                    }
                    ReplayChunk chunk = read.result();
                    if (chunk.evicted()) {
                        planPeers(); // the buffer forgot what we were about to read: peers, or gaps, then on
                        return;
                    }
                    deliver(chunk.wanted()).onComplete(done -> {
                        position.raiseTo(chunk.passed());
                        seq = chunk.nextSeq();
                        if (seq >= buffer.headSeq()) {
                            tryLive();
                        } else {
                            target.whenWritable(this::readNext);
                        }
                    });
                });
    }

    /** Sends the entries the client's uniqueness lets through, each with its position after it. */
    private Future<Void> deliver(List<CertificateEnvelope> entries) {
        if (entries.isEmpty()) {
            return Future.succeededFuture();
        }
        return target.firsts(entries).map(firsts -> {
            int sent = 0;
            for (int i = 0; i < entries.size(); i++) {
                CertificateEnvelope envelope = entries.get(i);
                position.advance(LogIds.of(envelope.logUrl()), envelope.index());
                if (firsts[i] && !target.closed()) {
                    target.deliver(envelope, position);
                    sent++;
                }
            }
            stats.replayed(sent);
            return null;
        });
    }

    /**
     * Joins the live stream once the client has passed everything the live stream passed (per log); until then
     * reads on, or waits for the buffer to get what the live stream passed, and past the chase limit takes that
     * from peers or tells it as gaps.
     */
    private void tryLive() {
        if (target.closed()) {
            stats.abandoned();
            return;
        }
        StreamPosition live = target.livePosition();
        LOG.debug("resume at {} (sequence {}): live at {}", position, seq, live);
        if (position.atOrBeyond(live)) {
            StreamPosition floors = new StreamPosition();
            Cursor at = position.cursor();
            for (int i = 0; i < at.size(); i++) {
                if (at.mark(i) > live.next(at.log(i))) {
                    floors.raise(at.log(i), at.mark(i));
                }
            }
            target.goLive(floors);
            stats.wentLive();
            return;
        }
        if (buffer != null && seq < buffer.headSeq()) {
            chasingSince = 0;
            target.whenWritable(this::readNext);
            return;
        }
        long now = System.nanoTime();
        chasingSince = chasingSince == 0 ? now : chasingSince;
        if (now - chasingSince < CHASE_LIMIT_NANOS) {
            vertx.setTimer(CHASE_MILLIS, id -> {
                if (buffer == null) {
                    tryLive();
                } else {
                    readNext();
                }
            });
            return;
        }
        chasingSince = 0;
        fill.fill(behind(live), this::tryLive);
    }

    /** What the live stream passed that the client has not: ranges to fill (logs it never named are simply joined). */
    private List<LogRange> behind(StreamPosition live) {
        List<LogRange> ranges = new ArrayList<>();
        Cursor passed = live.cursor();
        for (int i = 0; i < passed.size(); i++) {
            int log = passed.log(i);
            long at = position.next(log);
            String url = LogIds.url(log);
            if (at < 0 || url == null) {
                position.raise(log, passed.mark(i));
            } else if (at < passed.mark(i)) {
                ranges.add(new LogRange(url, at, passed.mark(i) - 1));
            }
        }
        return ranges;
    }
}
