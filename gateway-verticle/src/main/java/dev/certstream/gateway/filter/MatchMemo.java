package dev.certstream.gateway.filter;

import dev.certstream.contract.CertificateEnvelope;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Matching results shared by a process's gateway instances, so a certificate is usually matched once per
 * process rather than once per event loop: one instance matches each certificate as it arrives, the others
 * find the result here when their linger window ends, and match it themselves only on a miss (a slot
 * overwritten, or the index changed in between). Lock-free; a miss costs a duplicate match, never a wrong one.
 */
public final class MatchMemo {

    /** Slots, direct-mapped by (log, index): enough for the certificates of many linger windows. */
    private static final int SLOTS = 4096;

    /**
     * The index by its generation, not the object: a slot that is never overwritten (no filtered client left,
     * so nothing is matched) would otherwise keep a replaced index in the heap, up to one per slot.
     */
    private record Result(long generation, String log, long entry, FilterEntry[] matches) {
    }

    private final AtomicReferenceArray<Result> results = new AtomicReferenceArray<>(SLOTS);

    /** The filters this certificate matches in {@code index}, from the memo or matched now and remembered. */
    public FilterEntry[] matches(IndexSnapshot index, CertificateEnvelope envelope, MatchScratch scratch) {
        if (index.isEmpty()) {
            return IndexSnapshot.NONE;
        }
        int slot = (envelope.logUrl().hashCode() * 31 + Long.hashCode(envelope.index())) & (SLOTS - 1);
        Result known = results.get(slot);
        if (known != null && known.generation == index.generation() && known.entry == envelope.index() && known.log.equals(envelope.logUrl())) {
            return known.matches;
        }
        FilterEntry[] matches = index.match(envelope, scratch);
        results.set(slot, new Result(index.generation(), envelope.logUrl(), envelope.index(), matches));
        return matches;
    }
}
