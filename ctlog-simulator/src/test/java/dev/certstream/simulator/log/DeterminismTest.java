package dev.certstream.simulator.log;

import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.JavaProcess;
import dev.certstream.simulator.SimTestSupport;
import dev.certstream.simulator.SimulatorConfig;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.certstream.simulator.SimTestSupport.await;
import static dev.certstream.simulator.SimTestSupport.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Same seed, same bytes: two simulators (two ports) serve identical entries, tiles and keys. */
@ExtendWith(VertxExtension.class)
class DeterminismTest {

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes(Vertx vertx) {
        SimulatorConfig config = SimTestSupport.quiet().initialSize(256).build();
        CtLogSimulator one = SimTestSupport.start(vertx, config);
        CtLogSimulator two = SimTestSupport.start(vertx, config);
        CtLogSimulator other = SimTestSupport.start(vertx, config.toBuilder().seed(99).build());
        WebClient client = SimTestSupport.client(vertx);
        for (CtLogSimulator sim : new CtLogSimulator[] {one, two, other}) {
            SimTestSupport.waitUntil("checkpoint", () -> sim.log("tiled0").publishedSize() == 256);
        }
        assertNotEquals(one.port(), two.port());

        String entries = "ct/v1/get-entries?start=0&end=99";
        String a = get(client, one.log("rfc0").url() + entries).bodyAsString();
        assertEquals(a, get(client, two.log("rfc0").url() + entries).bodyAsString());
        assertNotEquals(a, get(client, other.log("rfc0").url() + entries).bodyAsString());

        byte[] tile = get(client, one.log("tiled0").url() + "tile/data/000").bodyAsBuffer().getBytes();
        assertArrayEquals(tile, get(client, two.log("tiled0").url() + "tile/data/000").bodyAsBuffer().getBytes());
        assertFalse(java.util.Arrays.equals(tile, get(client, other.log("tiled0").url() + "tile/data/000").bodyAsBuffer().getBytes()));

        assertArrayEquals(one.log("tiled0").publicKeyDer(), two.log("tiled0").publicKeyDer());
        assertFalse(java.util.Arrays.equals(one.log("tiled0").publicKeyDer(), other.log("tiled0").publicKeyDer()));
        for (long i : new long[] {0, 17, 255}) {
            assertArrayEquals(one.log("rfc0").entry(i).leafDer(), one.log("rfc0").entry(i).leafDer(), "stable within a run");
            assertArrayEquals(one.log("rfc0").entry(i).leafDer(), two.log("rfc0").entry(i).leafDer(), "stable across runs");
        }
        await(one.close());
        await(two.close());
        await(other.close());
    }

    @Test
    void aFreshJvmBuildsTheSameEntriesKeysAndSignatures() throws Exception {
        // The in-process pool may come from the JVM cache; the child builds everything from the seed again.
        String here = EntryDigestProbe.digest(5, 40, "rfc0", 300);
        JavaProcess.Result child = JavaProcess.run(EntryDigestProbe.class, "5", "40", "rfc0", "300");
        assertEquals(0, child.exitStatus(), child.stderr());
        String[] lines = child.stdout().trim().split("\n");   // test logging also goes to stdout
        assertEquals(here, lines[lines.length - 1]);
        assertNotEquals(here, EntryDigestProbe.digest(5, 40, "rfc1", 300));
    }
}
