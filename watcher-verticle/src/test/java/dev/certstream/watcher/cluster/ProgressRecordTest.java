package dev.certstream.watcher.cluster;

import dev.certstream.contract.LogEvidence;
import dev.certstream.watcher.verify.MerkleFrontier;
import dev.certstream.watcher.verify.MerkleHash;
import dev.certstream.watcher.verify.SignedTreeHead;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A log's progress carries its Merkle frontier and last verified head through the file (a restart) and
 * the cluster map (a takeover), compactly; records of the earlier format still load.
 */
@ExtendWith(VertxExtension.class)
class ProgressRecordTest {

    @TempDir
    Path dir;

    /** The frontier after {@code size} leaves whose hashes are made up from their index. */
    static MerkleFrontier frontier(long size) {
        MerkleFrontier f = MerkleFrontier.empty();
        for (long i = 0; i < size; i++) {
            f.append(MerkleHash.leaf(Long.toString(i).getBytes(StandardCharsets.US_ASCII)));
        }
        return f;
    }

    static SignedTreeHead head(MerkleFrontier at) {
        return new SignedTreeHead(at.size(), 1_767_225_600_123L, at.root(), new byte[] {4, 3, 0, 2, 0x30, 0});
    }

    @Test
    void jsonRoundTripAndItsChecks() {
        MerkleFrontier verifiedAt = frontier(1000);
        LogProgress progress = LogProgress.of(frontier(1023), head(verifiedAt));
        LogProgress back = LogProgress.fromJson(new JsonObject(progress.toJson().encode()));
        assertEquals(progress, back);
        assertEquals(frontier(1023), back.merkleFrontier());
        assertArrayEquals(verifiedAt.root(), back.verified().rootHash());
        assertEquals(LogProgress.at(7), LogProgress.fromJson(new JsonObject().put("next", 7)));
        LogEvidence lie = new LogEvidence(LogEvidence.Problem.INCONSISTENT_HEADS, "no proof", null,
                new LogEvidence.Head(1023, 5, "cm9vdA==", "c2ln"), 1000, 1023, 99);
        LogProgress misbehaving = new LogProgress(1023, null, head(verifiedAt), lie);
        assertEquals(misbehaving, LogProgress.fromJson(new JsonObject(misbehaving.toJson().encode())),
                "the evidence goes along to the next owner");
        assertThrows(IllegalArgumentException.class, () -> new LogProgress(1022, frontier(1023).serialize(), null, null),
                "a frontier elsewhere than the next index");
        assertThrows(IllegalArgumentException.class, () -> new LogProgress(10, frontier(10).serialize(), head(frontier(11)), null),
                "a head verified beyond the next index");
        assertThrows(IllegalArgumentException.class, () -> LogProgress.fromJson(new JsonObject().put("next", "7")));
        assertThrows(IllegalArgumentException.class, () -> LogProgress.fromJson(new JsonObject().put("next", 7.5)));
    }

    @Test
    void fileKeepsTheFrontierAcrossARestart(Vertx vertx) throws Exception {
        Path file = dir.resolve("progress.json");
        FileProgressStore first = new FileProgressStore(vertx, file);
        await(first.open(3_600_000));
        LogProgress progress = LogProgress.of(frontier((1L << 20) - 1), head(frontier(1 << 19)));
        first.save("https://log.example/a/", progress);
        first.save("https://log.example/b/", 42);
        await(first.close());
        assertTrue(Files.size(file) < 2_000, "20 subtree hashes and a head: " + Files.size(file) + " bytes");

        FileProgressStore second = new FileProgressStore(vertx, file);
        await(second.open(3_600_000));
        assertEquals(progress, await(second.loadProgress("https://log.example/a/")));
        assertEquals(LogProgress.at(42), await(second.loadProgress("https://log.example/b/")));
        assertEquals(42L, await(second.load("https://log.example/b/")));
        assertNull(await(second.loadProgress("https://log.example/c/")));
        await(second.close());
    }

    @Test
    void aFileOfTheFirstFormatStillLoads(Vertx vertx) throws Exception {
        Path file = dir.resolve("progress.json");
        Files.writeString(file, "{\"https://log.example/a/\": 1234, \"https://log.example/b/\": -5}");
        FileProgressStore store = new FileProgressStore(vertx, file);
        await(store.open(3_600_000));
        assertEquals(LogProgress.at(1234), await(store.loadProgress("https://log.example/a/")));
        assertNull(await(store.loadProgress("https://log.example/b/")), "a negative index is no progress");
        await(store.close());
        assertEquals(FileProgressStore.FORMAT, new JsonObject(Files.readString(file)).getInteger("format"),
                "rewritten in the new format");
    }

    @Test
    void aFileOfANewerFormatIsRefusedAndLeftAlone(Vertx vertx) throws Exception {
        Path file = dir.resolve("progress.json");
        String newer = "{\"format\": 3, \"logs\": {}}";
        Files.writeString(file, newer);
        FileProgressStore store = new FileProgressStore(vertx, file);
        assertThrows(AssertionError.class, () -> await(store.open(10)), "TestFutures reports a failed future");
        store.save("https://log.example/a/", 5);
        assertThrows(AssertionError.class, () -> await(store.flush()));
        assertEquals(newer, Files.readString(file));
    }

    @Test
    void clusterMapCarriesTheFrontierToTheNextOwner(Vertx vertx) throws Exception {
        ClusterProgressStore owner = new ClusterProgressStore(vertx, Duration.ofSeconds(5), Duration.ofHours(1));
        await(owner.open(3_600_000));
        LogProgress progress = LogProgress.of(frontier(4097), head(frontier(4000)));
        owner.save("log", progress);
        await(owner.flush());
        AsyncMap<String, Object> map = await(vertx.sharedData().getAsyncMap(ClusterProgressStore.MAP));
        String value = assertInstanceOf(String.class, await(map.get("log")));
        assertTrue(value.length() < 600, "2 subtree hashes and a head: " + value.length() + " characters");

        ClusterProgressStore next = new ClusterProgressStore(vertx, Duration.ofSeconds(5), Duration.ofHours(1));
        await(next.open(3_600_000));
        assertEquals(progress, await(next.loadProgress("log")));
        next.save("log", LogProgress.of(frontier(4000), null));
        await(next.flush());
        assertEquals(progress, await(next.loadProgress("log")), "never lowered, frontier and all");
    }

    @Test
    void aClusterValueOfTheFirstFormatStillLoadsAndIsReplaced(Vertx vertx) throws Exception {
        AsyncMap<String, Object> map = await(vertx.sharedData().getAsyncMap(ClusterProgressStore.MAP));
        await(map.put("log", 300L));
        ClusterProgressStore store = new ClusterProgressStore(vertx, Duration.ofSeconds(5), Duration.ofHours(1));
        await(store.open(3_600_000));
        assertEquals(LogProgress.at(300), await(store.loadProgress("log")));
        store.save("log", LogProgress.of(frontier(301), null));
        await(store.flush());
        assertEquals(frontier(301), await(store.loadProgress("log")).merkleFrontier());
    }
}
