package dev.certstream.watcher.verify;

import dev.certstream.render.ct.TileDecoder;
import dev.certstream.render.ct.TileEntry;
import dev.certstream.render.ct.TilePath;
import dev.certstream.simulator.Lie;
import dev.certstream.simulator.SimulatedLog;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.testing.SimulatorExtension;
import dev.certstream.testing.Wait;
import dev.certstream.watcher.WatcherConfig;
import dev.certstream.watcher.ct.CheckpointCheck;
import dev.certstream.watcher.ct.CtHttpClient;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.ct.LogType;
import dev.certstream.watcher.ct.SthCheck;
import dev.certstream.watcher.WatcherMetrics;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.certstream.testing.TestFutures.await;
import static dev.certstream.testing.TestFutures.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proofs over HTTP against the simulator, whose tree is its own code: an inclusion proof and hash tiles
 * give the frontier folding every leaf gives, consistency proofs link honest heads, and a forked log's
 * proofs do not link its heads.
 */
@ExtendWith(VertxExtension.class)
class TreeProofsTest {

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder().rfc6962Logs(1).tiledLogs(1)
            .initialSize(700).growthPerSecond(0).poolSize(16).seed(21).checkpointPeriod(Duration.ofMillis(100)));

    private CtHttpClient http;

    @BeforeEach
    void client(Vertx vertx) {
        http = new CtHttpClient(vertx, WatcherConfig.defaults());
    }

    @AfterEach
    void close() {
        http.close();
    }

    private static LogSource source(SimulatedLog log) {
        return new LogSource(log.url(), log.name(), log.operator(), log.type().equals("rfc6962") ? LogType.RFC6962
                : LogType.STATIC_CT, log.submissionUrl(), log.publicKeyDer(), "usable");
    }

    private SignedTreeHead sth(SimulatedLog log) {
        SthCheck check = new SthCheck(source(log));
        check.treeSize(await(http.get(log.url() + "ct/v1/get-sth")), log.url());
        return check.lastHead();
    }

    private SignedTreeHead checkpoint(SimulatedLog log) {
        CheckpointCheck check = new CheckpointCheck(source(log), new WatcherMetrics());
        check.treeSize(await(http.get(log.url() + "checkpoint")), log.url());
        return check.lastHead();
    }

    private List<byte[]> leafHashes(SimulatedLog log, long size) {
        List<byte[]> hashes = new ArrayList<>();
        while (hashes.size() < size) {
            JsonObject page = CtHttpClient.wrap(await(http.get(log.url() + "ct/v1/get-entries?start=" + hashes.size()
                    + "&end=" + (size - 1)))).toJsonObject();
            page.getJsonArray("entries").forEach(e -> hashes.add(MerkleHash.leaf(
                    Base64.getDecoder().decode(((JsonObject) e).getString("leaf_input")))));
        }
        return hashes;
    }

    @Test
    void rfc6962InclusionAndConsistency() {
        SimulatedLog log = simulator.get().log("rfc0");
        Rfc6962Proofs proofs = new Rfc6962Proofs(log.url(), http::get);
        SignedTreeHead first = sth(log);
        log.append(90);
        SignedTreeHead second = sth(log);
        List<byte[]> hashes = leafHashes(log, second.treeSize());
        for (int index : new int[] {0, 1, 255, 699, 700, 789}) {
            TreeProofs.Anchor anchor = await(proofs.anchor(index, hashes.get(index), second));
            assertTrue(anchor.verified());
            assertEquals(MerklePropertyTest.frontierByFolding(hashes, index), anchor.frontier(), "frontier at " + index);
        }
        await(proofs.consistency(first, second));
        assertFalse(proofs.canAnchor(790, second), "a leaf beyond the head is in no proof of it");
        assertInstanceOf(TreeProofs.LeafElsewhere.class, awaitFailure(proofs.anchor(5, hashes.get(6), second)),
                "leaf 6's hash is proven at 6, not 5");

        log.lie(Lie.fork(650, 800));
        log.append(20);
        SignedTreeHead forked = sth(log);
        assertInstanceOf(LieException.class, awaitFailure(proofs.consistency(second, forked)));
    }

    @Test
    void tiledFrontierFromHashTilesAtAndBelowACheckpoint() {
        SimulatedLog log = simulator.get().log("tiled0");
        Wait.until("the checkpoint of 700", () -> log.publishedSize() == 700);
        TileProofs proofs = new TileProofs(log.url(), http::get);
        SignedTreeHead head = checkpoint(log);
        List<byte[]> hashes = new ArrayList<>();
        for (long t = 0; t * 256 < 700; t++) {
            int width = (int) Math.min(256, 700 - t * 256);
            byte[] tile = await(http.get(log.url() + TilePath.dataTile(t, width)));
            for (TileEntry e : TileDecoder.decode(tile, t * 256, width).entries()) {
                hashes.add(MerkleHash.tileLeaf(tile, e.timestampedEntryFrom(), e.timestampedEntryTo()));
            }
        }
        TreeProofs.Anchor at = await(proofs.anchor(700, null, head));
        assertTrue(at.verified(), "at the checkpoint's size: checked against its root");
        assertEquals(MerklePropertyTest.frontierByFolding(hashes, 700), at.frontier());
        for (int index : new int[] {0, 1, 256, 300, 511, 699}) {
            TreeProofs.Anchor below = await(proofs.anchor(index, null, head));
            assertFalse(below.verified(), "below it the next head checks it");
            assertEquals(MerklePropertyTest.frontierByFolding(hashes, index), below.frontier(), "frontier at " + index);
        }
        log.lie(Lie.wrongRoot(0));
        log.append(1);
        Wait.until("a lying checkpoint", () -> log.publishedSize() == 701);
        SignedTreeHead lying = checkpoint(log);
        assertInstanceOf(LieException.class, awaitFailure(proofs.anchor(701, null, lying)),
                "the tiles do not fold to the lying root");
    }
}
