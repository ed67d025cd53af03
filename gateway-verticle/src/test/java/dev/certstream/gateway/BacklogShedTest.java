package dev.certstream.gateway;

import dev.certstream.render.ct.EntryType;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway whose event loop falls behind sheds certificates instead of sending them late, and none is lost
 * without a word: held while 300 certificates are published in its JVM, it sends only what arrives once its
 * backlog is short again; every one it did not send is counted as a drop for the client and as shed in
 * /stats, told to a client that asked for gap notices as exact index ranges, and still counted by the broker.
 */
class BacklogShedTest {

    private static final int PUBLISHED = 300;
    private static final int BACKLOG = 20;

    @Test
    void aGatewayBehindItsBacklogShedsTellsAndCountsEveryCertificate() throws Exception {
        GatewayConfig config = GatewayHarness.config().toBuilder().instances(1).fanoutBacklog(BACKLOG).build();
        // One event loop for everything, so holding it holds the gateway instance.
        try (GatewayHarness harness = GatewayHarness.start(config, true, new VertxOptions().setEventLoopPoolSize(1))) {
            WebSocket client = harness.connect("/?gaps=true");
            Set<Long> received = new ConcurrentSkipListSet<>();
            Set<Long> told = new ConcurrentSkipListSet<>();
            AtomicLong gapMessages = new AtomicLong();
            client.textMessageHandler(text -> {
                JsonObject message = new JsonObject(text);
                JsonObject data = message.getJsonObject("data");
                if ("gap".equals(message.getString("message_type"))) {
                    gapMessages.incrementAndGet();
                    for (long i = data.getLong("from"); i <= data.getLong("to"); i++) {
                        told.add(i);
                    }
                } else if ("certificate_update".equals(message.getString("message_type"))) {
                    received.add(data.getLong("cert_index"));
                }
            });
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch held = new CountDownLatch(1);
            harness.vertx.runOnContext(v -> {
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(held.await(60, TimeUnit.SECONDS));
            for (int i = 0; i < PUBLISHED; i++) {
                harness.publish(TestEnvelopes.of(TestEnvelopes.LOG_A, i, EntryType.X509));
            }
            release.countDown();
            waitUntil("every certificate sent or shed", () -> {
                JsonObject dropped = harness.get("/stats").json().getJsonObject("dropped_messages");
                return received.size() + dropped.getLong("total") == PUBLISHED;
            });
            JsonObject stats = harness.get("/stats").json();
            JsonObject dropped = stats.getJsonObject("dropped_messages");
            assertTrue(dropped.getLong("shed_certificates") >= PUBLISHED / 2, "most were shed: " + dropped);
            assertEquals(dropped.getLong("shed_certificates"), dropped.getLong("total"), "one client: a drop per shed");
            assertTrue(received.size() >= 1, "the newest ones, once the backlog was short again, were sent");
            // Told exactly: the indices in gap notices are those the client did not get, no more, no fewer.
            waitUntil("the last gap told", () -> received.size() + told.size() == PUBLISHED);
            Set<Long> overlap = new TreeSet<>(received);
            overlap.retainAll(told);
            assertEquals(Set.of(), overlap, "told as a gap yet received");
            assertTrue(gapMessages.get() >= 1);
            // Shed at the gateway, after the bus: the broker counted every one.
            assertEquals(PUBLISHED, stats.getLong("processed_certificates"));
            assertTrue(harness.get("/metrics").body().toString().contains("certstream_gateway_shed_certificates_total"));
        }
    }
}
