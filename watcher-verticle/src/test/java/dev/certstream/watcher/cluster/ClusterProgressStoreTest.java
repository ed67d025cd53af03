package dev.certstream.watcher.cluster;

import dev.certstream.contract.BusAddresses;
import dev.certstream.testing.Wait;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The clustered progress rules, on Vert.x's shared data (local here, Hazelcast in a cluster). */
@ExtendWith(VertxExtension.class)
class ClusterProgressStoreTest {

    private Vertx vertx;

    @BeforeEach
    void start(Vertx injected) {
        vertx = injected;
    }



    @Test
    void writesAnIndexOnlyOnceItWasPublishedLongEnoughAgo() throws Exception {
        // The periodic writer is slow here so that the test drives writes itself.
        ClusterProgressStore store = new ClusterProgressStore(vertx, Duration.ofSeconds(5), Duration.ofHours(1));
        await(store.open(3_600_000));
        store.save("log", 10);
        assertNull(await(store.load("log")), "too recent to be written by the periodic writer");
        await(store.flush());
        assertEquals(10L, await(store.load("log")), "a flush (live handover) writes at once");
    }

    @Test
    void theDelayedWriterWritesOldMarksAndNeverLowersAValue() throws Exception {
        ClusterProgressStore store = new ClusterProgressStore(vertx, Duration.ofSeconds(5), Duration.ofMillis(100));
        await(store.open(20));
        store.save("log", 50);
        Wait.until("the delayed mark written", () -> Long.valueOf(50).equals(await(store.load("log"))));
        AsyncMap<String, Long> map = await(vertx.sharedData().getAsyncMap(ClusterProgressStore.MAP));
        await(map.put("log", 80L)); // another watcher got further
        store.save("log", 60);
        await(store.flush());
        assertEquals(80L, await(store.load("log")), "progress is never lowered");
    }

    @Test
    void aLogWhoseProgressTheClusterLostContinuesAfterTheBrokersLastIndex() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        vertx.eventBus().consumer(BusAddresses.BROKER_STATS, message -> {
            asked.incrementAndGet();
            message.reply(new JsonObject().put("logs", new JsonObject()
                    .put("lost", new JsonObject().put("last_index", 1469L))
                    .put("never-counted", new JsonObject().putNull("last_index"))));
        });
        ClusterProgressStore store = new ClusterProgressStore(vertx, Duration.ofSeconds(5), Duration.ofHours(1));
        await(store.open(3_600_000));
        assertEquals(1470L, await(store.load("lost")), "after the highest index a broker counted");
        assertNull(await(store.load("never-counted")), "a log no broker counted starts at its head");
        assertNull(await(store.load("unknown")), "a log no broker knows starts at its head");
        assertTrue(asked.get() <= 2, "logs loaded together ask the brokers once, not once each: " + asked.get());
        store.save("lost", 2000);
        await(store.flush());
        assertEquals(2000L, await(store.load("lost")), "saved progress wins over the brokers' figure");
    }

    @Test
    void withoutABrokerALogWithoutProgressStartsAtItsHead() throws Exception {
        ClusterProgressStore store = new ClusterProgressStore(vertx, Duration.ofSeconds(1), Duration.ofHours(1));
        await(store.open(3_600_000));
        assertNull(await(store.load("log")));
    }
}
