package dev.certstream.gateway.resume;

import java.util.ArrayList;
import java.util.List;

/**
 * The replay buffer's blocks in sequence order, oldest first, with lookups by sequence number in log time.
 * Evicting from the front is O(1) (the list is compacted now and then). Guarded by the buffer's lock.
 */
final class BlockIndex {

    private final ArrayList<BlockRef> refs = new ArrayList<>();
    private int first;

    void add(BlockRef block) {
        refs.add(block);
    }

    boolean isEmpty() {
        return first == refs.size();
    }

    int size() {
        return refs.size() - first;
    }

    BlockRef oldest() {
        return isEmpty() ? null : refs.get(first);
    }

    BlockRef pollOldest() {
        BlockRef oldest = refs.get(first);
        refs.set(first++, null);
        if (first > 1024 && first * 2 > refs.size()) {
            refs.subList(0, first).clear();
            first = 0;
        }
        return oldest;
    }

    /** The block holding this sequence number, or null. */
    BlockRef at(long seq) {
        int at = position(seq);
        return at < 0 ? null : refs.get(at);
    }

    /** Puts {@code block} in the place of the block with the same first sequence number (written to disk). */
    boolean replace(BlockRef block) {
        int at = position(block.firstSeq());
        if (at < 0 || refs.get(at).firstSeq() != block.firstSeq()) {
            return false;
        }
        refs.set(at, block);
        return true;
    }

    /** The blocks, oldest first (a view: use under the lock). */
    List<BlockRef> all() {
        return refs.subList(first, refs.size());
    }

    private int position(long seq) {
        int low = first;
        int high = refs.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            BlockRef block = refs.get(mid);
            if (seq < block.firstSeq()) {
                high = mid - 1;
            } else if (seq >= block.endSeq()) {
                low = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
