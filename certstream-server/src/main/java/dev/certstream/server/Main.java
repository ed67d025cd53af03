package dev.certstream.server;

import dev.certstream.node.EnvReader;
import dev.certstream.node.RoleMain;

/**
 * Entry point of {@code bin/certstream run [--demo]}: parses the configuration, starts the embedded
 * server on a local event bus, and closes it cleanly (progress flushed) on SIGTERM or Ctrl-C.
 */
public final class Main {

    private static final String ROLE = "server";
    private static final String USAGE = "usage: bin/certstream run [--demo]   (configuration: CERTSTREAM_* variables, PORT)";

    private Main() {
    }

    public static void main(String[] args) {
        boolean demo = false;
        for (String arg : args) {
            switch (arg) {
                case "--demo" -> demo = true;
                case "-h", "--help" -> {
                    System.err.println(USAGE);
                    System.exit(0);
                }
                default -> {
                    System.err.println("certstream run: unknown option '" + arg + "'; usage: bin/certstream run [--demo]");
                    System.exit(2);
                }
            }
        }
        boolean withDemo = demo;
        ServerSettings settings = RoleMain.config(ROLE, () -> ServerSettings.fromEnv(new EnvReader(System.getenv()), withDemo));
        RoleMain.runLocal(ROLE, node -> EmbeddedServer.start(node.vertx(), node.meters(), settings)
                .map(server -> RoleMain.Started.as(String.format(
                        "certstream is up: http://localhost:%d/ (websockets ws://localhost:%d/, /full-stream, /domains-only)%s",
                        server.port(), server.port(),
                        withDemo ? "; following the demo simulator at " + server.simulator().baseUrl() : ""))));
    }
}
