package dev.certstream.watcher;

import dev.certstream.simulator.SimulatedLog;
import dev.certstream.simulator.TrafficReport;
import dev.certstream.testing.SimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log of {@link WatcherPartialTileTest} answering Range requests with the whole tile (200): the watcher
 * notices at its first ranged read, reads partial tiles whole from then on, spaced, never the same one
 * twice for a checkpoint, and still publishes every entry once, in order.
 */
class WatcherWholePartialTileTest extends WatcherTestBase {

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(WatcherPartialTileTest.logGrowingAtItsHead()
            .honourRange(false));

    @Test
    void aLogThatIgnoresRangeGetsWholePartialReadsSpacedOut() {
        SimulatedLog log = simulator.logs().get(0);
        Published published = WatcherPartialTileTest.follow(this, simulator, Duration.ofSeconds(3));
        TrafficReport.LogTraffic traffic = simulator.get().traffic().logs().get(log.name());

        assertEquals(0, traffic.partialContent(), "the log never answers 206");
        assertTrue(traffic.rangeRequests() <= 1, "Range asked once, then no more: " + traffic.rangeRequests());
        assertTrue(traffic.partialTileFetches() >= 2, "whole partial tiles were read: " + traffic.partialTileFetches());
        assertEquals(0, traffic.partialTileRepeats(), "repeated: " + traffic.repeatedPartialTiles());
        // 14 s of a tile growing by 20 a second: read at most every 3 s, not at each of its 14 checkpoints.
        assertTrue(traffic.partialTileFetches() <= 8, "whole partial reads were spaced: " + traffic.partialTileFetches());
        published.assertOnceInOrderFrom(log.url(), published.of(log.url()).get(0));
    }
}
