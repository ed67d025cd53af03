package dev.certstream.watcher.verify;

import dev.certstream.render.ct.TileDecoder;
import dev.certstream.render.ct.TileEntry;
import dev.certstream.render.ct.TilePath;
import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.log.SimulatedLog;
import dev.certstream.testing.TestData;
import dev.certstream.watcher.ct.Checkpoint;
import dev.certstream.watcher.ct.CheckpointVerification;
import dev.certstream.watcher.ct.CheckpointVerifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The verification core against the simulator, whose Merkle tree is its own code: signed heads verify
 * with the log list key, the leaf hashes of what get-entries and the data tiles serve fold to the signed
 * roots, and its audit paths, consistency proofs and hash tiles check out and give the same frontier.
 */
class SimulatorTreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private static CtLogSimulator simulator;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = CtLogSimulator.start(vertx, SimulatorConfig.builder().rfc6962Logs(1).tiledLogs(1).initialSize(700)
                .growthPerSecond(0).poolSize(16).seed(11).checkpointPeriod(Duration.ofMillis(200))
                .replayTiles(TestData.path("static-ct/navigli2025h2")).build())
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static byte[] get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException(url + " -> " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    private static JsonNode json(String url) throws IOException, InterruptedException {
        return JSON.readTree(get(url));
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> out = new ArrayList<>();
        array.forEach(n -> out.add(Base64.getDecoder().decode(n.asText())));
        return out;
    }

    private static SignedTreeHead sth(SimulatedLog log) throws Exception {
        JsonNode j = json(log.url() + "ct/v1/get-sth");
        return SignedTreeHead.of(j.get("tree_size").asLong(), j.get("timestamp").asLong(),
                j.get("sha256_root_hash").asText(), j.get("tree_head_signature").asText());
    }

    @Test
    void rfc6962HeadsEntriesAndProofsAgree() throws Exception {
        SimulatedLog log = simulator.log("rfc0");
        LogKey key = new LogKey(log.publicKeyDer());
        SignedTreeHead first = sth(log);
        first.verify(key);
        List<byte[]> leafHashes = new ArrayList<>();
        MerkleFrontier folded = MerkleFrontier.empty();
        log.append(57);
        SignedTreeHead second = sth(log);
        second.verify(key);
        while (leafHashes.size() < second.treeSize()) {
            JsonNode page = json(log.url() + "ct/v1/get-entries?start=" + leafHashes.size() + "&end=" + (second.treeSize() - 1));
            for (JsonNode e : page.get("entries")) {
                byte[] hash = MerkleHash.leaf(Base64.getDecoder().decode(e.get("leaf_input").asText()));
                leafHashes.add(hash);
                folded.append(hash);
                if (folded.size() == first.treeSize()) {
                    assertArrayEquals(first.rootHash(), folded.root(), "root of the first head");
                }
            }
        }
        assertArrayEquals(second.rootHash(), folded.root(), "root of the second head");

        for (long index : new long[] {0, 1, first.treeSize() / 2, first.treeSize() - 1, second.treeSize() - 1}) {
            JsonNode proof = json(log.url() + "ct/v1/get-proof-by-hash?tree_size=" + second.treeSize() + "&hash="
                    + URLEncoder.encode(Base64.getEncoder().encodeToString(leafHashes.get((int) index)), StandardCharsets.UTF_8));
            assertEquals(index, proof.get("leaf_index").asLong());
            MerkleFrontier f = MerkleProofs.frontierFromInclusion(index, second.treeSize(), leafHashes.get((int) index),
                    hashes(proof.get("audit_path")), second.rootHash());
            assertEquals(MerklePropertyTest.frontierByFolding(leafHashes, (int) index), f, "frontier at " + index);
        }
        JsonNode consistency = json(log.url() + "ct/v1/get-sth-consistency?first=" + first.treeSize() + "&second=" + second.treeSize());
        MerkleFrontier atFirst = MerkleProofs.frontierFromConsistency(first.treeSize(), second.treeSize(), first.rootHash(),
                second.rootHash(), hashes(consistency.get("consistency")));
        assertEquals(MerklePropertyTest.frontierByFolding(leafHashes, (int) first.treeSize()), atFirst);
        // A head whose root was swapped for the other's does not verify.
        assertThrows(ProofException.class, () -> new SignedTreeHead(second.treeSize(), second.timestamp(), first.rootHash(),
                second.signature()).verify(key));
    }

    @Test
    void tiledCheckpointDataTilesAndHashTilesAgree() throws Exception {
        SimulatedLog log = simulator.log("tiled0");
        await().atMost(Duration.ofSeconds(60)).until(() -> log.publishedSize() == 700);
        Checkpoint checkpoint = Checkpoint.parse(get(log.url() + "checkpoint"));
        CheckpointVerifier verifier = new CheckpointVerifier(log.publicKeyDer(), CheckpointVerifier.originOf(log.submissionUrl()));
        assertEquals(CheckpointVerification.Status.VERIFIED, verifier.verify(checkpoint).status());
        long size = checkpoint.treeSize();
        MerkleFrontier folded = MerkleFrontier.empty();
        for (long t = 0; t * 256 < size; t++) {
            int width = (int) Math.min(256, size - t * 256);
            byte[] tile = get(log.url() + TilePath.dataTile(t, width));
            for (TileEntry e : TileDecoder.decode(tile, t * 256, width).entries()) {
                folded.append(MerkleHash.leaf(e.merkleTreeLeaf(tile)));
            }
        }
        assertEquals(size, folded.size());
        assertArrayEquals(checkpoint.rootHash(), folded.root());
        HashTileSource tiles = (level, index, width) -> {
            try {
                return get(log.url() + TilePath.hashTile(level, index, width));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        };
        assertEquals(folded, HashTiles.frontierAt(size, checkpoint.rootHash(), tiles));
    }

    @Test
    void replayedSunlightTilesHashAsTheRealLogDid() throws Exception {
        SimulatedLog log = simulator.log("replay-tiles");
        log.append(2000);  // the replayed files end at 1024 entries
        await().atMost(Duration.ofSeconds(60)).until(() -> log.publishedSize() == 1024);
        for (int t = 0; t < 4; t++) {
            String n = String.format("%03d", t);
            assertArrayEquals(TestData.bytes("static-ct/navigli2025h2/tile/0/" + n), get(log.url() + "tile/0/" + n),
                    "level-0 hash tile " + n);
        }
    }
}
