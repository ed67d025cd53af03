package dev.certstream.watcher.follow;

import dev.certstream.contract.LogEvidence;
import dev.certstream.contract.LogState;
import dev.certstream.contract.LogVerification;
import dev.certstream.watcher.VerifySettings;
import dev.certstream.watcher.cluster.LogProgress;
import dev.certstream.watcher.ct.FetchException;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.verify.LogKey;
import dev.certstream.watcher.verify.LogVerifier;
import dev.certstream.watcher.verify.ProgressMark;
import dev.certstream.watcher.verify.SignedTreeHead;
import dev.certstream.watcher.verify.VerifierMeters;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * What a {@link LogFollower} does to trust its log: heads refused for their signature are counted and kept
 * as evidence; every batch, in index order, is folded into the log's {@link LogVerifier} and then goes
 * through the {@link VerifyGate} to be published with {@code verified} set; the progress recorded with it
 * carries the frontier. A log without a usable key, or with verification off, is published unverified.
 * Event-loop confined, like its follower.
 */
final class FollowVerification {

    private final LogReader reader;
    private final VerifierMeters meters;
    private final LogVerifier verifier;
    private final VerifyGate gate;
    private long rejected;
    private LogEvidence lastRejected;

    /** @param release what publishes a batch and records its progress */
    FollowVerification(Vertx vertx, LogReader reader, VerifySettings settings, MeterRegistry registry,
                       VerifyGate.Release release) {
        LogSource source = reader.source();
        this.reader = reader;
        this.meters = new VerifierMeters(registry, source.url());
        VerifyGate[] late = new VerifyGate[1];
        // Heads are signed heads only when the log list gave a key this watcher can use.
        boolean signed = LogKey.usable(source.publicKeyDer());
        this.verifier = signed && settings.mode() != VerifySettings.Mode.OFF
                ? new LogVerifier(source.url(), reader.proofs(), settings.maxPending(), meters, () -> late[0].release())
                : null;
        this.gate = new VerifyGate(vertx, settings, verifier, meters, release);
        late[0] = gate;
    }

    /** Reading begins at {@code next}; {@code saved} is the log's progress (null when there is none). */
    void start(long next, LogProgress saved) {
        if (verifier != null) {
            verifier.start(next, saved);
        }
    }

    /** Reading begins at the head the reader just read (a log seen for the first time). */
    void startAtHead(long head) {
        start(head, null);
        onHead();
    }

    /** The reader accepted a head: its signed form goes to the verifier. */
    void onHead() {
        SignedTreeHead head = reader.lastHead();
        if (verifier != null && head != null) {
            verifier.onHead(head);
        }
    }

    /** Any failure of the log: a head refused for its signature is counted and kept. */
    void onFailure(FetchException failure) {
        if (failure.kind() != FetchException.Kind.BAD_SIGNATURE) {
            return;
        }
        rejected++;
        meters.headRejected();
        SignedTreeHead last = verifier == null ? null : verifier.lastVerified();
        lastRejected = new LogEvidence(LogEvidence.Problem.BAD_SIGNATURE, failure.getMessage(), LogVerifier.headOf(last),
                LogVerifier.headOf(failure.rejectedHead()), -1, -1, System.currentTimeMillis());
    }

    /** A batch that continues the log in index order: folded, then published when the gate lets it. */
    void offer(RenderedBatch batch) {
        ProgressMark progress = ProgressMark.bare(batch.end());
        if (verifier != null) {
            verifier.onLeaves(batch.start(), batch.leafHashes());
            progress = verifier.progressAt(batch.end());
        }
        gate.offer(batch, progress);
    }

    /** The state to show for the follower's {@code state}: misbehaving first, unless it stopped. */
    LogState shown(LogState state) {
        return verifier != null && verifier.misbehaving() && state != LogState.STOPPED ? LogState.MISBEHAVING : state;
    }

    /** For the log's status: how far it is checked, refused heads, and the evidence of misbehaviour. */
    LogVerification status() {
        if (verifier == null) {
            return new LogVerification(0, -1, rejected, lastRejected, null);
        }
        return new LogVerification(verifier.verifiedFrom(), verifier.verifiedSize(), rejected, lastRejected,
                verifier.misbehaviour());
    }

    /** Entries waiting to be published. */
    long held() {
        return gate.heldEntries();
    }

    void stop() {
        gate.stop();
        meters.close();
    }
}
