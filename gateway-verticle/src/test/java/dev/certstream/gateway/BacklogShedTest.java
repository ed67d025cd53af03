package dev.certstream.gateway;

import dev.certstream.render.ct.EntryType;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway whose event loop falls behind sheds certificates instead of queueing them without bound: held
 * while 300 certificates are published in its JVM, it lets only its backlog's worth onto the bus, and
 * every one it did not send is counted as a drop for the client and as shed in /stats.
 */
class BacklogShedTest {

    private static final int PUBLISHED = 300;
    private static final int BACKLOG = 20;

    @Test
    void aGatewayBehindItsBacklogShedsAndCountsEveryCertificate() throws Exception {
        GatewayConfig config = GatewayHarness.config().toBuilder().instances(1).fanoutBacklog(BACKLOG).build();
        // One event loop for everything, so holding it holds the gateway instance.
        try (GatewayHarness harness = GatewayHarness.start(config, true, new VertxOptions().setEventLoopPoolSize(1))) {
            WebSocket client = harness.connect("/");
            AtomicLong received = new AtomicLong();
            client.textMessageHandler(text -> received.incrementAndGet());
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
                return received.get() + dropped.getLong("total") == PUBLISHED;
            });
            JsonObject dropped = harness.get("/stats").json().getJsonObject("dropped_messages");
            assertTrue(dropped.getLong("shed_certificates") >= PUBLISHED / 2,
                    "most were shed: " + dropped);
            assertEquals(dropped.getLong("shed_certificates"), dropped.getLong("total"), "one client: a drop per shed");
            assertTrue(received.get() >= 1, "the newest ones, once the backlog was short again, were sent");
            // Published in this JVM, most were shed before the bus: the broker never counted them either.
            assertTrue(harness.get("/stats").json().getLong("processed_certificates") < PUBLISHED / 2);
            assertTrue(harness.get("/metrics").body().toString().contains("certstream_gateway_shed_certificates_total"));
        }
    }
}
