package dev.certstream.watcher.verify;

import dev.certstream.contract.LogEvidence;
import dev.certstream.watcher.cluster.LogProgress;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fold and its checks, with proofs made from a naive tree: entries verify at each signed head, a
 * frontier comes from a proof or from saved progress, and each way a log can lie ends in misbehaving with
 * its evidence; nothing here needs the network.
 */
class LogVerifierTest {

    private final List<byte[]> leaves = new ArrayList<>();
    private final AtomicInteger changes = new AtomicInteger();
    private final List<String> asked = new ArrayList<>();

    LogVerifierTest() {
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] leaf = new byte[40];
            random.nextBytes(leaf);
            leaves.add(MerkleHash.leaf(leaf));
        }
    }

    private SignedTreeHead head(int size) {
        return new SignedTreeHead(size, 1_767_225_600_000L + size, NaiveMerkleTree.root(leaves.subList(0, size)),
                new byte[] {4, 3, 0, 1, (byte) size});
    }

    private byte[][] hashes(int from, int to) {
        return leaves.subList(from, to).toArray(new byte[0][]);
    }

    /** RFC 6962 proofs from the naive tree, answered at once (or held back with {@link #later}). */
    private final class NaiveProofs implements TreeProofs {
        /** When set, answers wait for {@link #release()}. */
        boolean hold;
        private Promise<Anchor> held;
        private Anchor heldAnchor;
        boolean consistent = true;

        void release() {
            held.complete(heldAnchor);
        }

        @Override
        public Future<Anchor> anchor(long index, byte[] leafHash, SignedTreeHead head) {
            asked.add("inclusion " + index + "@" + head.treeSize());
            try {
                Anchor anchor = new Anchor(MerkleProofs.frontierFromInclusion(index, head.treeSize(), leafHash,
                        NaiveMerkleTree.path((int) index, leaves.subList(0, (int) head.treeSize())), head.rootHash()), true);
                if (hold) {
                    held = Promise.promise();
                    heldAnchor = anchor;
                    return held.future();
                }
                return Future.succeededFuture(anchor);
            } catch (ProofException e) {
                return Future.failedFuture(new LieException(e.getMessage()));
            }
        }

        @Override
        public boolean canAnchor(long index, SignedTreeHead head) {
            return head.treeSize() > index;
        }

        @Override
        public boolean needsLeafHash() {
            return true;
        }

        @Override
        public boolean provesConsistency() {
            return true;
        }

        @Override
        public Future<Void> consistency(SignedTreeHead first, SignedTreeHead second) {
            asked.add("consistency " + first.treeSize() + "-" + second.treeSize());
            return consistent ? Future.succeededFuture() : Future.failedFuture(new LieException("no proof"));
        }
    }

    private final NaiveProofs proofs = new NaiveProofs();

    private LogVerifier verifier() {
        return new LogVerifier("https://log.test/", proofs, 1000, VerifierMetrics.NONE, changes::incrementAndGet);
    }

    @Test
    void entriesFoldedFromSavedProgressVerifyAtEachHead() {
        LogVerifier v = verifier();
        v.start(1000, LogProgress.of(MerklePropertyTest.frontierByFolding(leaves, 1000), head(900)));
        assertEquals(900, v.verifiedSize(), "what the last owner verified");
        v.onHead(head(1300));
        v.onHead(head(1100));
        assertEquals(List.of("consistency 900-1300"), asked, "a restart links the saved head to the next one, once");
        v.onLeaves(1000, hashes(1000, 1050));
        assertEquals(900, v.verifiedSize());
        v.onLeaves(1050, hashes(1050, 1200));
        assertEquals(1100, v.verifiedSize(), "the head of 1100 checked when the fold passed it");
        v.onLeaves(1200, hashes(1200, 1300));
        assertEquals(1300, v.verifiedSize());
        assertEquals(2, changes.get());
        LogProgress saved = v.progress();
        assertEquals(1300, saved.nextIndex());
        assertEquals(MerklePropertyTest.frontierByFolding(leaves, 1300), saved.merkleFrontier());
        assertEquals(head(1300), saved.verified());
        assertFalse(v.misbehaving());
        assertEquals(1, asked.size(), "nothing asked in steady state");
    }

    @Test
    void aFirstStartPlacesTheFoldWithAnInclusionProofThenChecksTheStartHead() {
        LogVerifier v = verifier();
        v.start(2000, null);
        v.onHead(head(2000));
        v.onLeaves(2000, hashes(2000, 2010));
        assertTrue(asked.isEmpty(), "leaf 2000 is in no head yet");
        v.onHead(head(2010));
        assertEquals(List.of("inclusion 2000@2010"), asked);
        assertEquals(2010, v.verifiedSize(), "placed at 2000, then the waiting leaves reached the head of 2010");
        v.onHead(head(2100));
        v.onLeaves(2010, hashes(2010, 2100));
        assertEquals(2100, v.verifiedSize());
    }

    @Test
    void aTamperedEntryIsARootMismatchWithBothHeadsAndTheRange() {
        LogVerifier v = verifier();
        v.start(1000, LogProgress.of(MerklePropertyTest.frontierByFolding(leaves, 1000), head(1000)));
        v.onHead(head(1200));
        byte[][] served = hashes(1000, 1200);
        served[57] = MerkleHash.leaf(new byte[] {1, 2, 3});
        v.onLeaves(1000, served);
        assertTrue(v.misbehaving());
        assertEquals(-1, v.verifiedSize(), "nothing is marked verified any more");
        LogEvidence evidence = v.misbehaviour();
        assertEquals(LogEvidence.Problem.ROOT_MISMATCH, evidence.problem(), "the heads are consistent: the entries lie");
        assertEquals(1000, evidence.firstHead().treeSize());
        assertEquals(1200, evidence.secondHead().treeSize());
        assertEquals(Base64.getEncoder().encodeToString(head(1200).rootHash()), evidence.secondHead().rootHash());
        assertEquals(1000, evidence.fromIndex());
        assertEquals(1200, evidence.toIndex());
        v.onLeaves(1200, hashes(1200, 1300));
        assertEquals(1300, v.progress().nextIndex(), "the fold position still follows what was published");
        assertNotNull(v.progress().misbehaviour(), "the evidence goes into the progress");
        LogVerifier next = verifier();
        next.start(1300, v.progress());
        assertTrue(next.misbehaving(), "and the next owner keeps it");
    }

    @Test
    void aHeadThatNoProofLinksIsAnInconsistency() {
        proofs.consistent = false;
        LogVerifier v = verifier();
        v.start(1000, LogProgress.of(MerklePropertyTest.frontierByFolding(leaves, 1000), head(1000)));
        v.onHead(head(1100));
        LogEvidence evidence = v.misbehaviour();
        assertEquals(LogEvidence.Problem.INCONSISTENT_HEADS, evidence.problem(), "found before any leaf is read");
        assertEquals(1000, evidence.firstHead().treeSize());
        assertEquals(1100, evidence.secondHead().treeSize());
    }

    @Test
    void aMismatchThatNoProofLinksIsRefinedToAnInconsistency() {
        LogVerifier v = verifier();
        v.start(1000, LogProgress.of(MerklePropertyTest.frontierByFolding(leaves, 1000), head(900)));
        v.onHead(head(1001)); // links 900 to 1001: consistent
        proofs.consistent = false;
        SignedTreeHead fork = new SignedTreeHead(1100, 5, NaiveMerkleTree.root(leaves.subList(1, 1101)), new byte[] {9});
        v.onHead(fork);
        v.onLeaves(1000, hashes(1000, 1100));
        assertEquals(1001, v.misbehaviour().firstHead().treeSize());
        assertEquals(LogEvidence.Problem.INCONSISTENT_HEADS, v.misbehaviour().problem());
    }

    @Test
    void twoHeadsOfOneSizeWithOtherRootsAreInconsistent() {
        LogVerifier v = verifier();
        v.start(1000, LogProgress.of(MerklePropertyTest.frontierByFolding(leaves, 1000), head(1000)));
        v.onHead(new SignedTreeHead(1000, 1, leaves.get(0), new byte[] {1}));
        assertEquals(LogEvidence.Problem.INCONSISTENT_HEADS, v.misbehaviour().problem());
    }

    @Test
    void aProofThatDoesNotFitTheHeadIsALie() {
        LogVerifier v = verifier();
        v.start(500, null);
        byte[][] served = hashes(500, 520);
        served[0] = MerkleHash.leaf(new byte[] {7});
        v.onLeaves(500, served);
        v.onHead(head(520));
        assertEquals(List.of("inclusion 500@520"), asked);
        LogEvidence evidence = v.misbehaviour();
        assertEquals(LogEvidence.Problem.ROOT_MISMATCH, evidence.problem());
        assertEquals(500, evidence.fromIndex());
        assertEquals(501, evidence.toIndex());
    }

    @Test
    void aLeafNotReadPlacesTheFoldAgainAfterIt() {
        LogVerifier v = verifier();
        v.start(1000, LogProgress.of(MerklePropertyTest.frontierByFolding(leaves, 1000), head(1000)));
        v.onHead(head(1100));
        byte[][] served = hashes(1000, 1100);
        served[10] = null;
        proofs.hold = true;
        v.onLeaves(1000, served);
        assertEquals(List.of("consistency 1000-1100", "inclusion 1011@1100"), asked, "placed after the gap");
        assertEquals(1000, v.verifiedSize(), "the head of 1100 waits for the proof");
        assertNull(v.progress().frontier(), "no frontier past the gap until the proof answers");
        assertEquals(1100, v.progress().nextIndex());
        v.onHead(head(1200));
        proofs.release();
        assertEquals(1100, v.verifiedSize(), "the waiting leaves folded to the head of 1100");
        v.onLeaves(1100, hashes(1100, 1200));
        assertEquals(1200, v.verifiedSize(), "placed at 1011 by a proof, verified again at the next head");
        assertEquals(1011, v.verifiedFrom());
        assertFalse(v.verified(1005), "entries before the gap and after the last head before it were never checked");
        assertTrue(v.verified(1011));
        assertFalse(v.misbehaving());
    }

    @Test
    void hashesWaitingForAProofAreBounded() {
        LogVerifier v = new LogVerifier("https://log.test/", proofs, 10, VerifierMetrics.NONE, changes::incrementAndGet);
        v.start(100, null);
        v.onLeaves(100, hashes(100, 125));
        v.onHead(head(130));
        assertEquals(List.of("inclusion 122@130"), asked, "the first 22 were dropped, 122..124 wait");
        v.onLeaves(125, hashes(125, 130));
        assertEquals(130, v.verifiedSize());
    }

    @Test
    void leavesAndHeadsArrivingWhileTheProofIsAskedAreCheckedAfterIt() {
        proofs.hold = true;
        LogVerifier v = verifier();
        v.start(10, null);
        v.onLeaves(10, hashes(10, 20));
        v.onHead(head(20));
        v.onLeaves(20, hashes(20, 30));
        v.onHead(head(30));
        assertEquals(List.of("inclusion 10@20"), asked, "one proof at a time");
        assertEquals(-1, v.verifiedSize());
        proofs.release();
        assertEquals(30, v.verifiedSize(), "both heads checked once the fold was placed");
        assertEquals(10, v.verifiedFrom());
        assertArrayEquals(head(30).rootHash(), v.progress().verified().rootHash());
        assertEquals(2, changes.get(), "told at each head checked");
    }

    @Test
    void progressWantedWhileTheFoldIsPlacedHasTheFrontierByTheTimeTheGateHears() {
        proofs.hold = true;
        java.util.concurrent.atomic.AtomicReference<ProgressMark> mark = new java.util.concurrent.atomic.AtomicReference<>();
        List<LogProgress> seenByGate = new ArrayList<>();
        LogVerifier v = new LogVerifier("https://log.test/", proofs, 1000, VerifierMetrics.NONE,
                () -> seenByGate.add(mark.get().get()));
        v.start(10, null);
        v.onHead(head(10));
        v.onHead(head(20));
        v.onLeaves(10, hashes(10, 20));
        mark.set(v.progressAt(20));
        assertNull(mark.get().get().frontier(), "not placed yet");
        proofs.release();
        LogProgress last = seenByGate.get(seenByGate.size() - 1);
        assertEquals(MerklePropertyTest.frontierByFolding(leaves, 20), last.merkleFrontier(),
                "the gate, told the head of 20 checked out, records the frontier there");
        assertEquals(20, last.verified().treeSize());
    }
}
