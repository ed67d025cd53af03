package dev.certstream.systest.process;

import dev.certstream.systest.client.Http;

import dev.certstream.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code bin/certstream run --demo} as the tests start it: the server's fat jar in its own JVM on a free
 * loopback port, with a fresh data directory, its in-process simulator feeding certificates.
 */
public final class DemoServer {

    /** Starting includes building the simulator's certificate pool (seconds on a busy 2-core box). */
    public static final Duration START_DEADLINE = Duration.ofMinutes(3);
    public static final Duration CERTIFICATE_DEADLINE = Duration.ofMinutes(2);

    private DemoServer() {
    }

    /** The spec, for tests that want to adjust it before starting. */
    public static ProcessSpec spec(String name, Map<String, String> env) {
        int port = FreePort.pick();
        Path dataDir;
        try {
            // Under target/ so mvn clean removes it; a fresh directory per start, as a new install has.
            Path parent = Files.createDirectories(RepoPaths.target().resolve("server-data"));
            dataDir = Files.createTempDirectory(parent, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ProcessSpec.of(name, RepoPaths.serverJar())
                // A bounded heap: a leak then ends in an exit the tests see, not in a swapping box.
                .withJvmOptions("-Xmx512m", "-XX:+ExitOnOutOfMemoryError")
                .withArgs("--demo")
                .withEnv("PORT", port)
                .withEnv("CERTSTREAM_HOST", "127.0.0.1")
                .withEnv("CERTSTREAM_DATA_DIR", dataDir)
                // Tests open thousands of streams from 127.0.0.1; the per-client caps have their own test.
                .withEnv("CERTSTREAM_CLIENT_MAX_STREAMS", 1_000_000)
                .withEnv("CERTSTREAM_CLIENT_STREAMS_PER_MINUTE", 1_000_000)
                .withEnv(env)
                .withHttpPort(port);
    }

    /** Starts it and waits until it is ready (the gateway listens and the broker answers). */
    public static ServerProcess start(String name, Map<String, String> env) {
        return ServerProcess.start(spec(name, env)).awaitHttp("/ready", START_DEADLINE);
    }

    /** Waits until the server has processed at least {@code count} certificates. */
    public static void awaitCertificates(ServerProcess server, long count) {
        String stats = baseUrl(server) + "/stats";
        Wait.until(count + " certificates processed by " + server.name(), CERTIFICATE_DEADLINE, () -> {
            if (!server.isAlive()) {
                throw new AssertionError(server.name() + " died:\n" + server.logTail(40));
            }
            Http.Answer answer = Http.get(stats);
            return answer.status() == 200 && answer.json().path("processed_certificates").asLong() >= count;
        });
    }

    /**
     * Waits until /stats describes {@code count} logs fully: the broker counts a log from its first
     * certificate, while its name, type and progress come with the watcher's next status report.
     */
    public static void awaitLogsDescribed(ServerProcess server, int count) {
        String stats = baseUrl(server) + "/stats";
        Wait.until(count + " logs described in " + stats, CERTIFICATE_DEADLINE, () -> {
            JsonNode logs = Http.get(stats).json().path("logs");
            if (logs.size() != count) {
                return false;
            }
            for (JsonNode log : logs) {
                if (!log.path("name").isTextual() || !log.path("type").isTextual() || !log.path("tree_size").isNumber()) {
                    return false;
                }
            }
            return true;
        });
    }

    public static String baseUrl(ServerProcess server) {
        return "http://127.0.0.1:" + server.httpPort();
    }

    public static String wsUrl(ServerProcess server, String path) {
        return "ws://127.0.0.1:" + server.httpPort() + path;
    }
}
