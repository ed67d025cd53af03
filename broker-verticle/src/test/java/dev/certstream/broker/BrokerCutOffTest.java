package dev.certstream.broker;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.node.CutOffDetector;
import dev.certstream.render.ct.EntryType;
import dev.certstream.testing.Wait;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.certstream.broker.Envelopes.LOG_B;
import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A replica that finds itself alone (cut off) stops answering at once, keeps not answering while no peer
 * can be copied, and answers again with a live peer's counts once it copied them. Each wait is on an event
 * that shows the replica had its chance to misbehave (a membership check, a failed copy, a copy).
 */
class BrokerCutOffTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        await(vertx.close());
    }

    @Test
    void aCutOffReplicaAnswersAgainOnlyAfterCopyingALivePeer() {
        EventBus bus = vertx.eventBus();
        CertificateEnvelope.registerCodec(bus);
        AtomicInteger snapshotRequests = new AtomicInteger();
        bus.addOutboundInterceptor(delivery -> {
            if (BusAddresses.BROKER_SNAPSHOT.equals(delivery.message().address())) {
                snapshotRequests.incrementAndGet();
            }
            delivery.next();
        });
        BrokerConfig quick = new BrokerConfig(3, 16, 1000, Duration.ofMillis(50));
        String liveId = await(vertx.deployVerticle(new BrokerVerticle(quick)));
        AtomicInteger members = new AtomicInteger(2);
        AtomicInteger checks = new AtomicInteger();
        CutOffDetector detector = new CutOffDetector(() -> {
            checks.incrementAndGet();
            return members.get();
        });
        BrokerVerticle replica = BrokerVerticle.syncingWithPeers(quick, 1000, detector);
        await(vertx.deployVerticle(replica));
        Wait.until("the replica's membership check seeing its peers", () -> checks.get() >= 1);

        await(vertx.undeploy(liveId));
        members.set(1);
        Wait.until("the cut-off replica no longer answering", () -> statsOrNull(bus) == null);
        assertFalse(await(replica.stats()).getBoolean("answering"));

        // Back among peers, but none to copy from: it tries twice (so the first try is over) and stays silent.
        int requestsBefore = snapshotRequests.get();
        members.set(2);
        Wait.until("two attempts at copying a peer", () -> snapshotRequests.get() >= requestsBefore + 2);
        assertNull(statsOrNull(bus), "a cut-off replica answered before copying a peer");
        assertFalse(await(replica.stats()).getBoolean("answering"));

        // The live peer comes and counts two; the replica copies it and answers again.
        await(vertx.deployVerticle(new BrokerVerticle(quick)));
        for (int i = 1; i <= 2; i++) {
            bus.publish(BusAddresses.CERTIFICATES, Envelopes.of(LOG_B, i, EntryType.X509));
        }
        Wait.until("the replica copied the new peer and answers", () -> {
            JsonObject own = await(replica.stats());
            return own.getInteger("copies_from_peer") >= 2 && own.getBoolean("answering");
        });
        bus.publish(BusAddresses.CERTIFICATES, Envelopes.of(LOG_B, 3, EntryType.X509));
        for (int i = 0; i < 6; i++) {
            JsonObject stats = statsOrNull(bus);
            assertEquals(3, stats.getLong("processed_certificates"), "every replica answers current counts");
        }
    }

    private static JsonObject statsOrNull(EventBus bus) {
        return await(bus.<JsonObject>request(BusAddresses.BROKER_STATS, null).map(reply -> reply.body())
                .otherwise((JsonObject) null));
    }
}
