package dev.certstream.watcher.follow;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How far a tailing tiled reader follows a checkpoint into a partial tile. */
class PartialTileGateTest {

    @Test
    void withoutAWaitEveryCheckpointIsFollowedAtOnce() {
        PartialTileGate gate = new PartialTileGate(0, 5000);
        assertEquals(1000, gate.followable(1000, true, 0), "the first head is where a new log starts");
        assertEquals(1010, gate.followable(1010, true, 1000));
        assertEquals(1020, gate.followable(1020, true, 2000));
        assertEquals(1030, gate.followable(1030, true, 2001), "Range served: no spacing");
    }

    @Test
    void aWaitHoldsTheHeadBackToTheLastFullTileForAWhile() {
        PartialTileGate gate = new PartialTileGate(3000, 0);
        gate.followable(1000, true, 0);
        assertEquals(1024, gate.followable(1030, true, 1000), "a new partial tile: held back to its start");
        assertEquals(1024, gate.followable(1040, true, 3999));
        assertEquals(1050, gate.followable(1050, true, 4000), "waited long enough");
    }

    @Test
    void onALogThatIgnoresRangePartialReadsOfOneTileAreSpaced() {
        PartialTileGate gate = new PartialTileGate(0, 5000);
        gate.followable(1000, false, 0);
        assertEquals(1010, gate.followable(1010, false, 1000), "the first partial read of this tile");
        assertEquals(1010, gate.followable(1015, false, 2000), "too soon for another whole read of tile 3");
        assertEquals(1010, gate.followable(1020, false, 5999));
        assertEquals(1022, gate.followable(1022, false, 6000));
        assertEquals(1030, gate.followable(1030, false, 6100), "tile 3 filled: its rest and tile 4's start are read");
        assertEquals(1030, gate.followable(1040, false, 6200), "tile 4's partial reads are spaced in turn");
    }

    @Test
    void aSmallerCheckpointIsPassedOnSoTheFollowerReportsIt() {
        PartialTileGate gate = new PartialTileGate(0, 0);
        gate.followable(1000, true, 0);
        assertEquals(900, gate.followable(900, true, 1));
    }
}
