package dev.certstream.server;

import dev.certstream.contract.ConfigException;
import dev.certstream.contract.EnvReader;
import dev.certstream.gateway.MetricsSetup;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Entry point of {@code bin/certstream run [--demo]}: parses the configuration, starts the embedded
 * server on a local event bus, and closes it cleanly (progress flushed) on SIGTERM or Ctrl-C.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        boolean demo = false;
        for (String arg : args) {
            switch (arg) {
                case "--demo" -> demo = true;
                case "-h", "--help" -> {
                    System.err.println("usage: bin/certstream run [--demo]   (configuration: CERTSTREAM_* variables, PORT)");
                    System.exit(0);
                }
                default -> {
                    System.err.println("certstream run: unknown option '" + arg + "'; usage: bin/certstream run [--demo]");
                    System.exit(2);
                }
            }
        }
        ServerSettings settings;
        try {
            settings = ServerSettings.fromEnv(new EnvReader(System.getenv()), demo);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("certstream: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry meters = MetricsSetup.newRegistry();
        Vertx vertx = MetricsSetup.instrument(Vertx.builder(), new VertxOptions(), meters).build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("unclean shutdown: {}", e.toString());
            }
        }, "certstream-shutdown"));
        boolean withDemo = demo;
        EmbeddedServer.start(vertx, meters, settings)
                .onSuccess(server -> LOG.info("certstream is up: http://localhost:{}/ (websockets ws://localhost:{}/, /full-stream, /domains-only){}",
                        server.port(), server.port(), withDemo ? "; following the demo simulator at " + server.simulator().baseUrl() : ""))
                .onFailure(e -> {
                    LOG.error("certstream failed to start: {}", e.toString());
                    System.exit(1);
                });
    }
}
