package dev.certstream.server;

import dev.certstream.node.EnvReader;
import dev.certstream.node.JvmGuard;
import dev.certstream.node.RoleMain;
import dev.certstream.gateway.MetricsSetup;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


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
        boolean withDemo = demo;
        ServerSettings settings = RoleMain.config("server", () -> ServerSettings.fromEnv(new EnvReader(System.getenv()), withDemo));
        PrometheusMeterRegistry meters = MetricsSetup.newRegistry();
        Vertx vertx = MetricsSetup.instrument(Vertx.builder(), new VertxOptions(), meters).build();
        JvmGuard.install();
        Future<EmbeddedServer> started = EmbeddedServer.start(vertx, meters, settings);
        RoleMain.closeOnShutdown("server", vertx, started);
        started.onSuccess(server -> LOG.info("certstream is up: http://localhost:{}/ (websockets ws://localhost:{}/, /full-stream, /domains-only){}",
                        server.port(), server.port(), withDemo ? "; following the demo simulator at " + server.simulator().baseUrl() : ""))
                .onFailure(e -> RoleMain.failed("server", e));
    }
}
