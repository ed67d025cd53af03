package dev.certstream.broker;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;
import dev.certstream.contract.LogState;
import dev.certstream.contract.LogStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static dev.certstream.broker.Envelopes.LOG_A;
import static dev.certstream.broker.Envelopes.LOG_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class BrokerVerticleTest {

    @BeforeEach
    void deploy(Vertx vertx, VertxTestContext ctx) {
        CertificateEnvelope.registerCodec(vertx.eventBus());
        vertx.deployVerticle(new BrokerVerticle(new BrokerConfig(3, 16, 1000))).onComplete(ctx.succeedingThenComplete());
    }

    @Test
    void exampleFailsWith404BeforeAnyCertificate(Vertx vertx, VertxTestContext ctx) {
        vertx.eventBus().request(BusAddresses.BROKER_EXAMPLE, "LITE")
                .map(reply -> -1)
                .recover(err -> Future.succeededFuture(((ReplyException) err).failureCode()))
                .compose(code -> {
                    ctx.verify(() -> assertEquals(404, code));
                    return vertx.eventBus().request(BusAddresses.BROKER_LATEST, null);
                })
                .onComplete(ctx.succeeding(latest -> ctx.verify(() -> {
                    assertEquals("{\"messages\":[]}", latest.body().toString());
                    ctx.completeNow();
                })));
    }

    @Test
    void servesRingExamplesAndStatsFromPublishedCertificates(Vertx vertx, VertxTestContext ctx) {
        EventBus bus = vertx.eventBus();
        CertificateEnvelope last = null;
        for (int i = 1; i <= 5; i++) {
            last = Envelopes.of(LOG_A, i, i % 2 == 0 ? EntryType.PRECERT : EntryType.X509);
            bus.publish(BusAddresses.CERTIFICATES, last);
        }
        bus.publish(BusAddresses.CERTIFICATES, Envelopes.of(LOG_A, 5, EntryType.X509)); // duplicate
        bus.publish(BusAddresses.CERTIFICATES, Envelopes.of(LOG_B, 1, EntryType.X509));
        bus.publish(BusAddresses.LOG_STATUS,
                new LogStatus(LOG_A, "Log A", "Op A", "rfc6962", 1000, 6, LogState.FOLLOWING, null, "w1").toJson());
        CertificateEnvelope newest = Envelopes.of(LOG_B, 1, EntryType.X509);
        CertificateEnvelope secondNewest = last;

        // The bus delivers in order to one consumer, so the replies see every publish above.
        bus.<Buffer>request(BusAddresses.BROKER_LATEST, null).compose(latest -> {
            ctx.verify(() -> {
                JsonArray messages = new JsonObject(latest.body()).getJsonArray("messages");
                assertEquals(3, messages.size());
                assertEquals(new JsonObject(newest.lite()), messages.getJsonObject(0));
                assertEquals(new JsonObject(secondNewest.lite()), messages.getJsonObject(1));
                assertEquals(4, messages.getJsonObject(2).getJsonObject("data").getLong("cert_index"));
            });
            return bus.<Buffer>request(BusAddresses.BROKER_EXAMPLE, "FULL");
        }).compose(full -> {
            ctx.verify(() -> assertEquals(newest.full(), full.body()));
            return bus.<Buffer>request(BusAddresses.BROKER_EXAMPLE, "domains");
        }).compose(domains -> {
            ctx.verify(() -> assertEquals(newest.domains(), domains.body()));
            return bus.<JsonObject>request(BusAddresses.BROKER_STATS, null);
        }).onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
            JsonObject body = stats.body();
            assertEquals(6, body.getLong("processed_certificates"));
            assertEquals(1, body.getLong("duplicates_dropped"));
            assertEquals(4, body.getJsonObject("certificates_by_type").getLong("X509LogEntry"));
            assertEquals(2, body.getJsonObject("certificates_by_type").getLong("PrecertLogEntry"));
            JsonObject logA = body.getJsonObject("logs").getJsonObject(LOG_A);
            assertEquals(5, logA.getLong("processed"));
            assertEquals("Log A", logA.getString("name"));
            assertEquals(1000, logA.getLong("tree_size"));
            assertEquals(1, body.getJsonObject("logs").getJsonObject(LOG_B).getLong("processed"));
            ctx.completeNow();
        })));
    }

    @Test
    void unknownStreamIsABadRequest(Vertx vertx, VertxTestContext ctx) {
        vertx.eventBus().request(BusAddresses.BROKER_EXAMPLE, "nope").onComplete(ctx.failing(err -> ctx.verify(() -> {
            assertEquals(400, ((ReplyException) err).failureCode());
            ctx.completeNow();
        })));
    }

    @Test
    void aReplicaStartingBesideALiveOneCopiesItsStateAndSurvivesItsLoss(Vertx vertx, VertxTestContext ctx) {
        EventBus bus = vertx.eventBus();
        for (int i = 1; i <= 4; i++) {
            bus.publish(BusAddresses.CERTIFICATES, Envelopes.of(LOG_A, i, EntryType.X509));
        }
        String liveId = vertx.deploymentIDs().iterator().next();
        // Round trip through the live broker so that the four certificates are in its state.
        bus.<JsonObject>request(BusAddresses.BROKER_STATS, null)
                .compose(v -> vertx.deployVerticle(BrokerVerticle.syncingWithPeers(new BrokerConfig(3, 16, 1000), 5000, null)))
                .compose(id -> {
                    bus.publish(BusAddresses.CERTIFICATES, Envelopes.of(LOG_A, 5, EntryType.PRECERT));
                    return bus.<JsonObject>request(BusAddresses.BROKER_STATS, null);
                })
                .compose(v -> vertx.undeploy(liveId))
                .compose(v -> bus.<JsonObject>request(BusAddresses.BROKER_STATS, null))
                .onComplete(ctx.succeeding(stats -> ctx.verify(() -> {
                    assertEquals(5, stats.body().getLong("processed_certificates"), stats.body().encode());
                    assertEquals(5, stats.body().getJsonObject("logs").getJsonObject(LOG_A).getLong("processed"));
                    ctx.completeNow();
                })));
    }

    @Test
    void aNewReplicaContinuesFromALiveOnesSnapshot(Vertx vertx, VertxTestContext ctx) {
        EventBus bus = vertx.eventBus();
        for (int i = 1; i <= 4; i++) {
            bus.publish(BusAddresses.CERTIFICATES, Envelopes.of(LOG_A, i, EntryType.X509));
        }
        String[] liveId = new String[1];
        vertx.deploymentIDs().stream().findFirst().ifPresent(id -> liveId[0] = id);
        bus.<JsonObject>request(dev.certstream.contract.BusAddresses.BROKER_SNAPSHOT, null).compose(snapshot ->
                bus.<JsonObject>request(BusAddresses.BROKER_STATS, null).compose(liveStats ->
                        vertx.undeploy(liveId[0])
                                .compose(v -> vertx.deployVerticle(new BrokerVerticle(new BrokerConfig(3, 16, 1000), snapshot.body())))
                                .compose(id -> {
                                    bus.publish(BusAddresses.CERTIFICATES, Envelopes.of(LOG_A, 4, EntryType.X509)); // seen: dropped
                                    bus.publish(BusAddresses.CERTIFICATES, Envelopes.of(LOG_A, 5, EntryType.PRECERT));
                                    return bus.<JsonObject>request(BusAddresses.BROKER_STATS, null);
                                })
                                .map(restoredStats -> {
                                    ctx.verify(() -> {
                                        JsonObject restored = restoredStats.body();
                                        assertEquals(liveStats.body().getDouble("started_at"), restored.getDouble("started_at"));
                                        assertEquals(5, restored.getLong("processed_certificates"));
                                        assertEquals(1, restored.getLong("duplicates_dropped"));
                                        assertEquals(5, restored.getJsonObject("logs").getJsonObject(LOG_A).getLong("processed"));
                                    });
                                    return restoredStats;
                                })))
                .compose(v -> bus.<Buffer>request(BusAddresses.BROKER_LATEST, null))
                .onComplete(ctx.succeeding(latest -> ctx.verify(() -> {
                    JsonArray messages = new JsonObject(latest.body()).getJsonArray("messages");
                    assertEquals(3, messages.size());
                    assertEquals(5, messages.getJsonObject(0).getJsonObject("data").getLong("cert_index"));
                    assertEquals(3, messages.getJsonObject(2).getJsonObject("data").getLong("cert_index"));
                    ctx.completeNow();
                })));
    }

    /**
     * A starting replica asks for a peer's state only a sync delay after it subscribed, so that the
     * watchers know its subscription by the time the copy is taken (nothing published in between is lost).
     */
    @Test
    void aStartingReplicaCopiesOnlyAfterTheSyncDelay(Vertx vertx, VertxTestContext ctx) {
        EventBus bus = vertx.eventBus();
        String liveId = vertx.deploymentIDs().iterator().next();
        long[] askedAfterMillis = {-1};
        long[] started = new long[1];
        vertx.undeploy(liveId).compose(v -> {
            // A stand-in peer that notes when it is asked.
            bus.consumer(BusAddresses.BROKER_SNAPSHOT, request -> {
                askedAfterMillis[0] = (System.nanoTime() - started[0]) / 1_000_000;
                request.reply(new BrokerState(new BrokerConfig(3, 16, 1000), 0).snapshot());
            });
            started[0] = System.nanoTime();
            return vertx.deployVerticle(BrokerVerticle.syncingWithPeers(
                    new BrokerConfig(3, 16, 1000, Duration.ofMillis(400)), 5000, null));
        }).onComplete(ctx.succeeding(id -> ctx.verify(() -> {
            assertTrue(askedAfterMillis[0] >= 400, "asked " + askedAfterMillis[0] + " ms after starting");
            ctx.completeNow();
        })));
    }
}
