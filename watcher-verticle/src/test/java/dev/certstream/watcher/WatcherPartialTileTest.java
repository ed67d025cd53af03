package dev.certstream.watcher;

import dev.certstream.simulator.SimulatedEntry;
import dev.certstream.simulator.SimulatedLog;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.TrafficReport;
import dev.certstream.testing.SimulatorExtension;
import dev.certstream.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiled log growing 20 entries a second with 1-second checkpoints, followed at its head across a tile
 * boundary, counted at the simulator: partial tiles are read as checkpoints reach into them, never the
 * same (tile, width) twice for one checkpoint, each read asking only for the bytes not held yet (Range,
 * answered 206), so the bytes fetched per entry published stay within 1.5 times the entries' own size.
 */
class WatcherPartialTileTest extends WatcherTestBase {

    static final long START = 1024;
    static final long TARGET = 1300;

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(logGrowingAtItsHead());

    /** One tiled log at a tile boundary, 20 entries a second, a checkpoint a second, partial tiles vanishing. */
    static SimulatorConfig.Builder logGrowingAtItsHead() {
        return SimulatorConfig.builder().rfc6962Logs(0).tiledLogs(1).initialSize(START).growthPerSecond(20)
                .checkpointPeriod(Duration.ofSeconds(1)).partialTilesVanish(true).poolSize(32).seed(3);
    }

    /** Follows the one log from its head, with the default head cadence and partial-tile settings, past TARGET. */
    static Published follow(WatcherTestBase test, SimulatorExtension simulator, Duration wholePartialInterval) {
        return follow(test, simulator, wholePartialInterval, new WatcherVerticle[1]);
    }

    /** The same, handing the deployed watcher back in {@code deployed[0]}. */
    static Published follow(WatcherTestBase test, SimulatorExtension simulator, Duration wholePartialInterval,
                            WatcherVerticle[] deployed) {
        Published published = Published.listen(test.vertx);
        WatcherConfig config = TestConfigs.fast(simulator.logListUrl(), test.dataDir, Duration.ofSeconds(2))
                .fetching(f -> f.pollInterval(WatcherConfig.defaults().fetching().pollInterval()).partialTileWait(Duration.ZERO)
                        .wholePartialInterval(wholePartialInterval))
                .build();
        deployed[0] = test.deployWatcher(config, new WatcherMetrics());
        SimulatedLog log = simulator.logs().get(0);
        Wait.until(log.url() + " published past " + TARGET + " (a tile boundary)", () -> published.last(log.url()) >= TARGET);
        return published;
    }

    @Test
    void partialTilesAreReadOncePerCheckpointAndOnlyForTheBytesNotHeld() {
        SimulatedLog log = simulator.logs().get(0);
        WatcherVerticle[] watcher = new WatcherVerticle[1];
        Published published = follow(this, simulator, Duration.ofSeconds(5), watcher);
        TrafficReport.LogTraffic traffic = simulator.get().traffic().logs().get(log.name());

        assertEquals(0, traffic.partialTileRepeats(), "partial tiles fetched again for the same checkpoint: "
                + traffic.repeatedPartialTiles());
        assertTrue(traffic.partialTileFetches() > 5, "partial tiles were read as checkpoints came: " + traffic.partialTileFetches());
        assertTrue(traffic.rangeRequests() > 5 && traffic.partialContent() > 5, "reads resumed with Range: "
                + traffic.rangeRequests() + " asked, " + traffic.partialContent() + " answered 206");
        List<Long> indices = published.of(log.url());
        double ownSize = indices.stream().mapToLong(i -> tileLeafBytes(log.entry(i))).average().orElseThrow();
        double fetched = (double) traffic.bytesServed() / indices.size();
        assertTrue(fetched <= 1.5 * ownSize, "bytes fetched per entry " + fetched + " vs the entries' own " + ownSize);
        published.assertOnceInOrderFrom(log.url(), indices.get(0));
        Double reported = await(watcher[0].stats()).getJsonObject("logs").getJsonObject(log.url()).getDouble("bytes_per_entry");
        assertTrue(reported != null && reported <= 1.5 * ownSize, "/stats bytes_per_entry " + reported + " vs " + ownSize);
    }

    /** The size of an entry in a data tile (static-ct-api TileLeaf), from what the log holds. */
    static long tileLeafBytes(SimulatedEntry entry) {
        long size = 8 + 2;                              // timestamp, entry_type
        size += entry.precert()
                ? 32 + 3 + entry.precertTbsDer().length      // issuer_key_hash, tbs_certificate
                : 3 + entry.leafDer().length;                 // certificate
        size += 2 + 1 + 2 + 5;                          // extensions: leaf_index
        if (entry.precert()) {
            size += 3 + entry.leafDer().length;         // pre_certificate
        }
        return size + 2 + 32L * entry.chainSha256().size(); // chain fingerprints
    }
}
