package dev.certstream.gateway;

import dev.certstream.node.ConfigException;
import dev.certstream.node.NodeMetrics;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gateway whose {@code PORT} is already taken fails to start with an error that names {@code PORT}. */
class GatewayPortTakenTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        await(vertx.close());
    }

    @Test
    void aTakenPortFailsNamingPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            GatewayConfig config = GatewayHarness.config().toBuilder().port(taken.getLocalPort()).build();
            Throwable failure = GatewayVerticle.deploy(vertx, config, NodeMetrics.newRegistry())
                    .toCompletionStage().toCompletableFuture().handle((gateway, error) -> error).get(60, TimeUnit.SECONDS);
            ConfigException named = assertInstanceOf(ConfigException.class,
                    failure instanceof ConfigException ? failure : failure.getCause());
            assertTrue(named.getMessage().startsWith("PORT: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"),
                    named.getMessage());
        }
    }
}
