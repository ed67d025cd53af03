package dev.certstream.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Per-log index continuity as one client sees it. */
class IndexGapsTest {

    @Test
    void countsSkippedAndRepeatedIndicesPerLog() {
        IndexGaps gaps = new IndexGaps(8);
        gaps.arrived(11, 100);
        gaps.arrived(22, 5);
        gaps.arrived(11, 101);
        gaps.arrived(11, 104);   // 102, 103 missing
        gaps.arrived(22, 6);
        gaps.arrived(11, 104);   // repeat
        gaps.arrived(11, 50);    // out of order
        gaps.arrived(11, 105);
        assertEquals(2, gaps.missing());
        assertEquals(2, gaps.repeated());
        gaps.resetCounts();
        gaps.arrived(11, 106);
        assertEquals(0, gaps.missing());
    }

    @Test
    void ignoresUnreadableFieldsAndBoundsTheLogsTracked() {
        IndexGaps gaps = new IndexGaps(4);
        gaps.arrived(MessageScanner.NOT_FOUND, 1);
        gaps.arrived(1, MessageScanner.NOT_FOUND);
        for (long log = 1; log <= 5; log++) {
            gaps.arrived(log, 0);
        }
        // Half of 4 slots are tracked; logs 3, 4 and 5 are counted as untracked.
        assertEquals(3, gaps.untracked());
        assertEquals(0, gaps.missing());
    }
}
