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
    /** A peer that moved us nowhere may lag a few milliseconds behind the stream: asked again this often. */
    private static final long PEER_RETRY_MILLIS = 100;
    private static final int PEER_RETRIES = 20;

    private final Vertx vertx;
    private final WorkerExecutor readers;
    private final ReplayBuffer buffer;
    private final PeerSource peers;
    private final ReplayTarget target;
    private final ResumeStats stats;
    private final int maxEntries;
    private final long maxBytes;
    private final StreamPosition position;
    private Predicate<CertificateEnvelope> wanted;
    private long seq;
    private int peerStalls;

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
        this.peers = peers;
        this.target = target;
        this.stats = stats;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.position = new StreamPosition(since);
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

    private void planPeers() {
        LOG.debug("resume at {}: planning", position);
        if (target.closed()) {
            stats.abandoned();
            return;
        }
        List<LogRange> missing = missing();
        if (missing.isEmpty()) {
            startLocal();
        } else if (peers == null) {
            expire(missing);
            startLocal();
        } else {
            peers.fetch(missing, target.spec(), target.kind(), maxEntries, maxBytes).onComplete(answer -> {
                if (answer.failed()) {
                    stats.peerFailed();
                    expire(missing);
                    startLocal();
                } else {
                    stats.peerAnswered(answer.result().entries().size());
                    fromPeer(missing, answer.result());
                }
            });
        }
    }

    /** Tells what the peer lacked too, delivers what it had, and asks again until the ranges are done. */
    private void fromPeer(List<LogRange> asked, PeerChunk chunk) {
        StreamPosition before = position.copy();
        for (LogRange range : asked) {
            // Told before the peer's entries of the log, which all come after what it lacked.
            Long heldFrom = chunk.heldFrom().get(range.logUrl());
            long lacking = heldFrom == null ? range.to() + 1 : Math.min(Math.max(heldFrom, range.from()), range.to() + 1);
            if (lacking > range.from()) {
                target.gap(range.logUrl(), range.from(), lacking - 1, ResumeMessages.EXPIRED);
                position.raise(LogIds.of(range.logUrl()), lacking);
            }
        }
        deliver(chunk.entries()).onComplete(done -> {
            for (LogRange range : asked) {
                Long next = chunk.next().get(range.logUrl());
                if (next != null) {
                    position.raise(LogIds.of(range.logUrl()), Math.min(next, range.to() + 1));
                }
            }
            if (!before.atOrBeyond(position)) {
                peerStalls = 0;
                target.whenWritable(this::planPeers);
            } else if (++peerStalls < PEER_RETRIES) {
                vertx.setTimer(PEER_RETRY_MILLIS, id -> planPeers()); // the peer may lag behind the stream a little
            } else {
                expire(missing()); // the peer cannot help with what is left
                target.whenWritable(this::planPeers);
            }
        });
    }

    private void expire(List<LogRange> ranges) {
        for (LogRange range : ranges) {
            target.gap(range.logUrl(), range.from(), range.to(), ResumeMessages.EXPIRED);
            position.raise(LogIds.of(range.logUrl()), range.to() + 1);
        }
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

    /** Joins the live stream if the buffer holds all it passed and the replay read all of the buffer; else reads on. */
    private void tryLive() {
        if (target.closed()) {
            stats.abandoned();
            return;
        }
        StreamPosition live = target.livePosition();
        long head = buffer == null ? seq : buffer.headIfHolds(live);
        LOG.debug("resume at {} (sequence {}): live at {}, buffer head {}", position, seq, live, head);
        if (head >= 0 && head <= seq) {
            StreamPosition floors = new StreamPosition();
            Cursor at = position.cursor();
            for (int i = 0; i < at.size(); i++) {
                if (at.mark(i) > live.next(at.log(i))) {
                    floors.raise(at.log(i), at.mark(i));
                }
            }
            target.goLive(floors);
            stats.wentLive();
        } else if (head > seq) {
            target.whenWritable(this::readNext);
        } else {
            // The live stream passed something the buffer's feeder has not appended yet: a few ms.
            vertx.setTimer(CHASE_MILLIS, id -> readNext());
        }
    }
}
