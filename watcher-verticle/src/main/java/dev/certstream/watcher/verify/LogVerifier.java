package dev.certstream.watcher.verify;

import dev.certstream.contract.LogEvidence;
import dev.certstream.watcher.cluster.LogProgress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks one log's entries against its signed tree as they are read: every leaf hash is folded into a
 * Merkle frontier, and whenever the fold reaches the size of a signed head the watcher saw, the computed
 * root must be the head's. The frontier comes from saved progress, or from a proof ({@link TreeProofs});
 * while it is being fetched the leaf hashes wait ({@link FoldAnchor}). A mismatch, or a proof that two heads
 * are inconsistent, turns the log {@link #misbehaving()} for good, with its evidence. In steady state this
 * asks the log for nothing: the heads are read anyway, and so is every leaf. Event-loop confined.
 */
public final class LogVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(LogVerifier.class);
    /** Signed heads kept ahead of the fold: a minute of 1-second heads; older ones are simply not checked. */
    static final int MAX_HEADS = 64;

    private final String logUrl;
    private final TreeProofs proofs;
    private final Runnable onChange;
    private final VerifierMetrics metrics;
    private final FoldAnchor anchor;
    private final TreeMap<Long, SignedTreeHead> heads = new TreeMap<>();
    /** Progress wanted at a position the fold has not reached with a frontier yet (while it is placed). */
    private final TreeMap<Long, ProgressMark> marks = new TreeMap<>();
    private MerkleFrontier frontier;
    private long position = -1;
    private SignedTreeHead verified;
    /** After a restart: the saved verified head, checked against the first newer head (RFC 6962). */
    private SignedTreeHead linkFrom;
    private SignedTreeHead anchorHead;
    private long anchoredAt = -1;
    /** Where the current fold's checks begin: 0 from saved progress, else where a proof placed it. */
    private long verifiedFrom;
    private LogEvidence misbehaviour;

    /**
     * @param maxPending leaf hashes kept while a frontier is fetched (32 bytes each); beyond it they are
     *                   dropped and a later leaf is placed instead
     * @param onChange   told when the verified size grows or the log is caught misbehaving
     */
    public LogVerifier(String logUrl, TreeProofs proofs, int maxPending, VerifierMetrics metrics, Runnable onChange) {
        this.logUrl = logUrl;
        this.proofs = proofs;
        this.onChange = onChange;
        this.metrics = metrics;
        this.anchor = new FoldAnchor(this, proofs, maxPending, metrics);
    }

    /** Starts at {@code next}, from the saved progress when it holds the frontier there. */
    public void start(long next, LogProgress saved) {
        position = next;
        if (saved != null && saved.misbehaviour() != null) {
            misbehaviour = saved.misbehaviour();
            metrics.misbehaving(true);
            LOG.warn("{}: caught misbehaving before ({}); its entries stay unverified", logUrl, misbehaviour.detail());
            return;
        }
        if (saved != null && saved.nextIndex() == next && saved.frontier() != null) {
            frontier = saved.merkleFrontier();
            verified = saved.verified();
            linkFrom = proofs.provesConsistency() ? verified : null;
        } else {
            anchor.begin(next);
        }
    }

    /** A head whose signature verified: checked when the fold reaches its size. */
    public void onHead(SignedTreeHead head) {
        if (misbehaviour != null || position < 0) {
            return;
        }
        if (verified != null && head.treeSize() == verified.treeSize() && !Arrays.equals(head.rootHash(), verified.rootHash())) {
            misbehave(LogEvidence.Problem.INCONSISTENT_HEADS, "two signed heads of size " + head.treeSize()
                    + " with different roots", verified, head, -1, -1);
            return;
        }
        if (linkFrom != null && head.treeSize() > linkFrom.treeSize()) {
            link(linkFrom, head);
            linkFrom = null;
        }
        if (head.treeSize() < (frontier != null ? position : anchor.index())) {
            return; // the fold is past it: nothing left to check it with
        }
        heads.put(head.treeSize(), head);
        while (heads.size() > MAX_HEADS) {
            heads.pollFirstEntry();
        }
        if (frontier != null && head.treeSize() == position) {
            check(head);
        }
        anchor.tryAnchor();
    }

    /** The hashes of the leaves [start, start + hashes.length), in order; a null hash is a leaf not read. */
    public void onLeaves(long start, byte[][] hashes) {
        if (misbehaviour != null || position < 0) {
            position = Math.max(position, start + hashes.length);
            return;
        }
        if (start != position) {
            LOG.warn("{}: leaves from {} while the fold is at {}; placing the fold again", logUrl, start, position);
            frontier = null;
            anchor.begin(start);
            position = start;
        }
        for (byte[] hash : hashes) {
            if (frontier == null) {
                anchor.add(position, hash);
                position++;
                continue;
            }
            if (hash == null) {
                LOG.info("{}: leaf {} was not read; placing the fold again after it", logUrl, position);
                frontier = null;
                marks.clear();
                anchor.begin(++position);
                continue;
            }
            frontier.append(hash);
            position++;
            SignedTreeHead head = heads.get(position);
            if (head != null) {
                check(head);
                if (misbehaviour != null) {
                    return;
                }
            }
            fillMarks();
        }
        anchor.tryAnchor();
    }

    /**
     * The progress to record once the entries below {@code end} are published: the frontier there, now if
     * the fold is there, or once a proof placed the fold and it passed {@code end}; without a frontier if
     * it never does (a gap, misbehaviour).
     */
    public ProgressMark progressAt(long end) {
        ProgressMark mark = new ProgressMark(end);
        if (frontier != null && position == end) {
            mark.set(progress());
        } else if (frontier == null && misbehaviour == null && end >= anchor.index() && end <= position) {
            marks.put(end, mark);
        }
        return mark;
    }

    private void fillMarks() {
        while (!marks.isEmpty() && marks.firstKey() <= position) {
            Map.Entry<Long, ProgressMark> first = marks.pollFirstEntry();
            if (first.getKey() == position) {
                first.getValue().set(progress());
            }
        }
    }

    /** Continues the fold from a frontier a proof gave at {@code index}, then folds the hashes that waited. */
    void anchored(long index, TreeProofs.Anchor found, SignedTreeHead head, byte[][] waiting) {
        frontier = found.frontier();
        anchorHead = head;
        anchoredAt = index;
        verifiedFrom = index;
        long end = position;
        position = index;
        SignedTreeHead atIndex = heads.get(index);
        if (atIndex != null) {
            check(atIndex);
        }
        if (misbehaviour == null) {
            fillMarks();
            onLeaves(index, waiting);
        }
        if (misbehaviour == null && position != end) {
            LOG.error("{}: fold at {} after placing it at {}, expected {}", logUrl, position, index, end);
        }
    }

    /** The log's answer to a proof did not fit its signed head. */
    void lied(String detail, SignedTreeHead head, long index) {
        misbehave(LogEvidence.Problem.ROOT_MISMATCH, detail, verified, head, index, index + 1);
    }

    private void check(SignedTreeHead head) {
        heads.headMap(head.treeSize(), true).clear();
        if (Arrays.equals(frontier.root(), head.rootHash())) {
            verified = head;
            metrics.headChecked();
            fillMarks(); // before the gate hears of it: what it releases now records this frontier
            onChange.run();
            return;
        }
        SignedTreeHead first = verified != null ? verified : anchorHead;
        long from = verified != null ? verified.treeSize() : anchoredAt;
        misbehave(LogEvidence.Problem.ROOT_MISMATCH, "the entries read up to " + head.treeSize() + " hash to "
                + MerkleProofs.hex(frontier.root()) + ", the signed head says " + MerkleProofs.hex(head.rootHash()),
                first, head, from, head.treeSize());
        if (first != null && proofs.provesConsistency()) {
            // Which lie: heads that cannot both be true, or entries that are not what was signed?
            link(first, head);
        }
    }

    /** Asks the log to prove that {@code second} extends {@code first}; a proof that fails is misbehaviour. */
    private void link(SignedTreeHead first, SignedTreeHead second) {
        metrics.proofRequested("consistency");
        proofs.consistency(first, second).onFailure(failure -> {
            if (failure instanceof LieException lie) {
                misbehave(LogEvidence.Problem.INCONSISTENT_HEADS, lie.getMessage(), first, second, first.treeSize(),
                        second.treeSize());
            } else {
                LOG.info("{}: no consistency proof from {} to {}: {}", logUrl, first.treeSize(), second.treeSize(),
                        failure.getMessage());
            }
        });
    }

    private void misbehave(LogEvidence.Problem problem, String detail, SignedTreeHead first, SignedTreeHead second,
                           long from, long to) {
        boolean refined = misbehaviour != null && problem == LogEvidence.Problem.INCONSISTENT_HEADS
                && misbehaviour.problem() == LogEvidence.Problem.ROOT_MISMATCH;
        if (misbehaviour != null && !refined) {
            return;
        }
        misbehaviour = new LogEvidence(problem, detail, headOf(first), headOf(second), from, to, System.currentTimeMillis());
        frontier = null;
        heads.clear();
        marks.clear();
        anchor.stop();
        metrics.misbehaving(true);
        LOG.error("{}: MISBEHAVING ({}): {}; first head {}, second head {}, entries [{}, {})", logUrl, problem.wireName(),
                detail, first, second, from, to);
        onChange.run();
    }

    /** Every entry in [{@link #verifiedFrom()}, this) was checked against a signed head; -1 while none was. */
    public long verifiedSize() {
        return misbehaviour != null || verified == null || verified.treeSize() < verifiedFrom ? -1 : verified.treeSize();
    }

    /** Where the checked range begins (entries before it, since the last gap in the fold, were not checked). */
    public long verifiedFrom() {
        return verifiedFrom;
    }

    /** Whether entry {@code index} was checked against a signed head. */
    public boolean verified(long index) {
        return index >= verifiedFrom && index < verifiedSize();
    }

    public boolean misbehaving() {
        return misbehaviour != null;
    }

    /** The progress to save for the leaves folded so far (the next index is the fold's position). */
    public LogProgress progress() {
        if (frontier != null) {
            return new LogProgress(position, frontier.serialize(), verified, null);
        }
        return new LogProgress(position, null, verified != null && verified.treeSize() <= position ? verified : null,
                misbehaviour);
    }

    /** What the log was caught doing, or null. */
    public LogEvidence misbehaviour() {
        return misbehaviour;
    }

    /** The last head the entries were checked against, or null. */
    public SignedTreeHead lastVerified() {
        return verified;
    }

    /** The signed heads waiting for the fold (for {@link FoldAnchor}). */
    Map<Long, SignedTreeHead> heads() {
        return heads;
    }

    String logUrl() {
        return logUrl;
    }

    /** A signed head as evidence carries it (get-sth's form); null for null. */
    public static LogEvidence.Head headOf(SignedTreeHead head) {
        if (head == null) {
            return null;
        }
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return new LogEvidence.Head(head.treeSize(), head.timestamp(), b64.encodeToString(head.rootHash()),
                b64.encodeToString(head.signature()));
    }
}
