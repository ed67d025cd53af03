package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The newest entries of the replay buffer, in memory until they fill a block; then, sealed, until the writer
 * has compressed them into a segment file. Guarded by the buffer's lock.
 */
final class OpenBlock {

    final long firstSeq;
    final List<CertificateEnvelope> entries = new ArrayList<>();
    private int[] logIds = new int[8];
    private long[] maxIndex = new long[8];
    private int logs;
    long rawBytes;
    long firstArrival;
    long lastArrival;

    OpenBlock(long firstSeq) {
        this.firstSeq = firstSeq;
    }

    void add(CertificateEnvelope envelope, int logId, long arrivalMillis) {
        if (entries.isEmpty()) {
            firstArrival = arrivalMillis;
        }
        entries.add(envelope);
        rawBytes += BlockCodec.estimate(envelope);
        lastArrival = arrivalMillis;
        for (int i = 0; i < logs; i++) {
            if (logIds[i] == logId) {
                maxIndex[i] = Math.max(maxIndex[i], envelope.index());
                return;
            }
        }
        if (logs == logIds.length) {
            logIds = Arrays.copyOf(logIds, logs * 2);
            maxIndex = Arrays.copyOf(maxIndex, logs * 2);
        }
        logIds[logs] = logId;
        maxIndex[logs++] = envelope.index();
    }

    long endSeq() {
        return firstSeq + entries.size();
    }

    /** Its index entry; {@code segment} -1 while the block is in memory. */
    BlockRef ref(int segment, long offset, int length, int rawLength) {
        return new BlockRef(firstSeq, entries.size(), segment, offset, length, rawLength, lastArrival,
                Arrays.copyOf(logIds, logs), Arrays.copyOf(maxIndex, logs));
    }
}
