package dev.certstream.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static dev.certstream.simulator.SimTestSupport.await;
import static dev.certstream.simulator.SimTestSupport.get;
import static dev.certstream.simulator.SimTestSupport.getJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each lie is served as described, checked from the outside: what get-entries and the tiles serve is
 * hashed by a tree of its own and compared with what the signed heads say and with the honest tree.
 */
@ExtendWith(VertxExtension.class)
class LieTest {

    private CtLogSimulator simulator;
    private WebClient client;

    @AfterEach
    void stop() {
        if (simulator != null) {
            await(simulator.close());
        }
    }

    private SimulatedLog start(Vertx vertx, String name, SimulatorConfig.Builder config) {
        simulator = SimTestSupport.start(vertx, config.initialSize(100).build());
        client = SimTestSupport.client(vertx);
        SimulatedLog log = simulator.log(name);
        SimTestSupport.waitUntil("first checkpoint", () -> simulator.log("tiled0").publishedSize() > 0);
        return log;
    }

    /** get-sth: tree_size, root, and whether the signature verifies with the listed key. */
    private record Head(long size, byte[] root, boolean signed) {
    }

    private Head sth(SimulatedLog log) throws Exception {
        JsonObject sth = getJson(client, log.url() + "ct/v1/get-sth");
        byte[] root = Base64.getDecoder().decode(sth.getString("sha256_root_hash"));
        return new Head(sth.getLong("tree_size"), root, CtSignatureVerifier.verifyTreeHead(log.publicKeyDer(),
                sth.getLong("timestamp"), sth.getLong("tree_size"), root,
                Base64.getDecoder().decode(sth.getString("tree_head_signature"))));
    }

    /** The leaf_input of every entry get-entries serves below {@code size}. */
    private List<byte[]> servedLeaves(SimulatedLog log, long size) {
        List<byte[]> leaves = new ArrayList<>();
        while (leaves.size() < size) {
            JsonArray entries = getJson(client, log.url() + "ct/v1/get-entries?start=" + leaves.size() + "&end=" + (size - 1))
                    .getJsonArray("entries");
            entries.forEach(e -> leaves.add(Base64.getDecoder().decode(((JsonObject) e).getString("leaf_input"))));
        }
        return leaves;
    }

    private static byte[] root(List<byte[]> leaves, long size) {
        return new SimMerkleTree(i -> leaves.get((int) i)).root(size);
    }

    @Test
    void tamperedEntryNoLongerHashesToTheSignedRoot(Vertx vertx) throws Exception {
        SimulatedLog log = start(vertx, "rfc0", SimTestSupport.quiet());
        log.lie(Lie.tamperedEntry(50));
        Head head = sth(log);
        assertTrue(head.signed());
        assertArrayEquals(log.rootHash(100), head.root(), "the head stays honest");
        List<byte[]> leaves = servedLeaves(log, 100);
        assertFalse(Arrays.equals(head.root(), root(leaves, 100)), "what is served does not hash to the head");
        for (int i = 0; i < 100; i++) {
            boolean same = Arrays.equals(CtEncoding.merkleTreeLeaf(log.entry(i)), leaves.get(i));
            assertEquals(i != 50, same, "entry " + i);
        }
        assertEquals(log.entry(50).timestampMs() + 1, CtTestDecoder.rfc6962(leaves.get(50),
                CtEncoding.extraData(log.entry(50))).timestampMs(), "the change keeps the entry readable");
        log.lie(null);
        assertArrayEquals(head.root(), root(servedLeaves(log, 100), 100), "honest again");
    }

    @Test
    void wrongRootIsSignedButMatchesNoEntries(Vertx vertx) throws Exception {
        SimulatedLog log = start(vertx, "rfc0", SimTestSupport.quiet());
        log.lie(Lie.wrongRoot(101));
        assertArrayEquals(log.rootHash(100), sth(log).root(), "heads below the lie's size are honest");
        log.append(1);
        Head lying = sth(log);
        assertTrue(lying.signed(), "properly signed");
        assertFalse(Arrays.equals(root(servedLeaves(log, 101), 101), lying.root()));
        assertArrayEquals(log.rootHash(101), root(servedLeaves(log, 101), 101), "entries are honest");
    }

    @Test
    void forkShowsASecondTreeThatSharesOnlyAPrefix(Vertx vertx) throws Exception {
        SimulatedLog log = start(vertx, "rfc0", SimTestSupport.quiet());
        log.lie(Lie.fork(90, 105));
        Head first = sth(log);
        List<byte[]> before = servedLeaves(log, 100);
        assertArrayEquals(root(before, 100), first.root(), "before the fork shows, the log is honest");
        log.append(10);
        Head second = sth(log);
        assertTrue(second.signed());
        List<byte[]> after = servedLeaves(log, 110);
        assertArrayEquals(root(after, 110), second.root(), "the second tree is consistent in itself");
        assertNotEquals(Arrays.toString(root(after, 100)), Arrays.toString(first.root()),
                "but its first 100 entries are not the ones the first head signed");
        assertArrayEquals(root(before, 90), root(after, 90), "the two trees share their first 90 entries");
        JsonArray proof = getJson(client, log.url() + "ct/v1/get-sth-consistency?first=100&second=110").getJsonArray("consistency");
        List<byte[]> nodes = new ArrayList<>();
        proof.forEach(p -> nodes.add(Base64.getDecoder().decode((String) p)));
        assertEquals(new SimMerkleTree(i -> after.get((int) i)).consistency(100, 110).size(), nodes.size());
        assertArrayEquals(new SimMerkleTree(i -> after.get((int) i)).consistency(100, 110).get(0), nodes.get(0),
                "proofs come from the second tree");
    }

    @Test
    void badSignatureOnHeadsAndCheckpoints(Vertx vertx) throws Exception {
        SimulatedLog rfc = start(vertx, "rfc0", SimTestSupport.quiet());
        SimulatedLog tiled = simulator.log("tiled0");
        rfc.lie(Lie.badSignature(0));
        tiled.lie(Lie.badSignature(0));
        assertFalse(sth(rfc).signed());
        assertArrayEquals(rfc.rootHash(100), sth(rfc).root(), "only the signature is wrong");
        String origin = tiled.submissionUrl().replaceFirst("^http://", "").replaceAll("/$", "");
        SimTestSupport.waitUntil("a checkpoint made under the lie", () -> {
            try {
                CtSignatureVerifier.verifyCheckpoint(checkpoint(tiled), origin, tiled.publicKeyDer());
                return false;
            } catch (AssertionError | Exception refused) {
                return true;
            }
        });
        rfc.lie(null);
        tiled.lie(null);
        assertTrue(sth(rfc).signed());
        SimTestSupport.waitUntil("an honest checkpoint again", () -> {
            try {
                return CtSignatureVerifier.verifyCheckpoint(checkpoint(tiled), origin, tiled.publicKeyDer()).size() == 100;
            } catch (AssertionError | Exception refused) {
                return false;
            }
        });
    }

    private String checkpoint(SimulatedLog log) {
        return get(client, log.url() + "checkpoint").bodyAsString(StandardCharsets.UTF_8.name());
    }

    @Test
    void tiledLogServesTheTamperedEntryInItsTile(Vertx vertx) {
        SimulatedLog log = start(vertx, "tiled0", SimTestSupport.quiet().gzip(GzipMode.NEVER));
        byte[] honest = get(client, log.url() + "tile/data/000.p/100").body().getBytes();
        log.lie(Lie.tamperedEntry(42));
        byte[] tampered = get(client, log.url() + "tile/data/000.p/100").body().getBytes();
        List<CtTestDecoder.Decoded> before = CtTestDecoder.tile(honest);
        List<CtTestDecoder.Decoded> after = CtTestDecoder.tile(tampered);
        for (int i = 0; i < 100; i++) {
            assertEquals(before.get(i).timestampMs() + (i == 42 ? 1 : 0), after.get(i).timestampMs(), "entry " + i);
        }
        assertArrayEquals(log.rootHash(100), Base64.getDecoder().decode(checkpoint(log).split("\n")[2]), "the checkpoint stays honest");
    }

    @Test
    void cliNamesEachLie() {
        SimulatorConfig config = CliOptions.parse("--lie", "rfc0=fork@1000:1200", "--lie", "tiled0=tampered-entry@7");
        assertEquals(Lie.fork(1000, 1200), config.lies().get("rfc0"));
        assertEquals(Lie.tamperedEntry(7), config.lies().get("tiled0"));
        assertEquals("fork@1000:1200", Lie.fork(1000, 1200).cliText());
        assertEquals(Lie.badSignature(3), Lie.parse(Lie.badSignature(3).cliText()));
        assertEquals(Lie.wrongRoot(3), Lie.parse("WRONG-ROOT@3"));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--lie", "rfc0=fork@10"));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--lie", "rfc0=fork@10:10"));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--lie", "rfc0=fib@10"));
        assertThrows(IllegalArgumentException.class, () -> CliOptions.parse("--lie", "rfc0=wrong-root@x"));
    }

    @Test
    void aLieFromTheConfigurationHoldsFromTheStart(Vertx vertx) throws Exception {
        SimulatedLog log = start(vertx, "rfc1", SimTestSupport.quiet().rfc6962Logs(2).lie("rfc1", Lie.wrongRoot(0)));
        assertEquals(Lie.wrongRoot(0), log.lie());
        assertFalse(Arrays.equals(log.rootHash(100), sth(log).root()));
        assertArrayEquals(simulator.log("rfc0").rootHash(100), sth(simulator.log("rfc0")).root(), "other logs are honest");
    }
}
