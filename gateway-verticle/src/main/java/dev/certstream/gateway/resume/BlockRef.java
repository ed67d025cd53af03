package dev.certstream.gateway.resume;

/**
 * What the in-memory index knows of one block of the replay buffer, whether still in memory or written to a
 * segment file: its entries' sequence numbers, where its compressed bytes are, when its newest entry
 * arrived, and the highest index of each log it holds (to find where a cursor's replay starts, and what
 * evicting it leaves uncovered). About 40 bytes plus 12 per log.
 *
 * @param firstSeq    sequence number of its first entry
 * @param count       entries in it
 * @param segment     the segment file holding it, or -1 while it is only in memory
 * @param offset      where its compressed bytes start in the segment
 * @param length      compressed bytes
 * @param rawLength   bytes before compression
 * @param lastArrival when its newest entry arrived, epoch ms
 * @param logIds      the logs it holds
 * @param maxIndex    the highest index of each of {@code logIds} in it
 */
record BlockRef(long firstSeq, int count, int segment, long offset, int length, int rawLength, long lastArrival,
                int[] logIds, long[] maxIndex) {

    long endSeq() {
        return firstSeq + count;
    }

    /**
     * Whether some entry of the block is beyond the cursor: an index past its log's mark, or (unless
     * {@code namedOnly}) of a log the cursor does not name.
     */
    boolean beyond(Cursor cursor, boolean namedOnly) {
        for (int i = 0; i < logIds.length; i++) {
            long next = cursor.next(logIds[i]);
            if (next < 0 ? !namedOnly : maxIndex[i] >= next) {
                return true;
            }
        }
        return false;
    }
}
