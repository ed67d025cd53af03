package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Fills ranges a resuming client needs and this gateway's buffer cannot give: asks the peers chunk by chunk at
 * the client's pace, tells what the peers lack too as a gap before the entries that follow it, and tells the
 * whole rest as a gap when no peer answers. Runs on the client's event loop; moves the client's position.
 */
final class PeerFill {

    /** A peer that moved us nowhere may lag a few milliseconds behind the stream: asked again this often. */
    private static final long RETRY_MILLIS = 100;
    private static final int RETRIES = 20;

    private final Vertx vertx;
    private final PeerSource peers;
    private final ReplayTarget target;
    private final StreamPosition position;
    private final ResumeStats stats;
    private final Function<List<CertificateEnvelope>, Future<Void>> deliver;
    private final int maxEntries;
    private final long maxBytes;
    private int stalls;

    /** @param peers the peers, or null when there are none (everything asked is then a gap) */
    PeerFill(Vertx vertx, PeerSource peers, ReplayTarget target, StreamPosition position, ResumeStats stats,
             Function<List<CertificateEnvelope>, Future<Void>> deliver, int maxEntries, long maxBytes) {
        this.vertx = vertx;
        this.peers = peers;
        this.target = target;
        this.position = position;
        this.stats = stats;
        this.deliver = deliver;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Fills {@code ranges} (what of them the position has not passed), then runs {@code then}. */
    void fill(List<LogRange> ranges, Runnable then) {
        List<LogRange> left = remaining(ranges);
        if (target.closed()) {
            return;
        }
        if (left.isEmpty()) {
            then.run();
        } else if (peers == null) {
            expire(left);
            then.run();
        } else {
            peers.fetch(left, target.spec(), target.kind(), maxEntries, maxBytes).onComplete(answer -> {
                if (answer.failed()) {
                    stats.peerFailed();
                    expire(left);
                    then.run();
                } else {
                    stats.peerAnswered(answer.result().entries().size());
                    fromPeer(left, answer.result(), then);
                }
            });
        }
    }

    /** The parts of the ranges beyond the position. */
    private List<LogRange> remaining(List<LogRange> ranges) {
        List<LogRange> left = new ArrayList<>();
        for (LogRange range : ranges) {
            long from = Math.max(range.from(), position.next(LogIds.of(range.logUrl())));
            if (from <= range.to()) {
                left.add(new LogRange(range.logUrl(), from, range.to()));
            }
        }
        return left;
    }

    private void fromPeer(List<LogRange> asked, PeerChunk chunk, Runnable then) {
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
        deliver.apply(chunk.entries()).onComplete(done -> {
            for (LogRange range : asked) {
                Long next = chunk.next().get(range.logUrl());
                if (next != null) {
                    position.raise(LogIds.of(range.logUrl()), Math.min(next, range.to() + 1));
                }
            }
            if (!before.atOrBeyond(position)) {
                stalls = 0;
                target.whenWritable(() -> fill(asked, then));
            } else if (++stalls < RETRIES) {
                vertx.setTimer(RETRY_MILLIS, id -> fill(asked, then)); // the peer may lag behind the stream a little
            } else {
                stalls = 0;
                expire(remaining(asked)); // the peer cannot help with what is left
                target.whenWritable(then);
            }
        });
    }

    private void expire(List<LogRange> ranges) {
        for (LogRange range : ranges) {
            target.gap(range.logUrl(), range.from(), range.to(), ResumeMessages.EXPIRED);
            position.raise(LogIds.of(range.logUrl()), range.to() + 1);
        }
    }
}
