package dev.certstream.bench.firehose;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two processes a firehose run measures: the CT log simulator and the embedded server, each in its
 * own JVM with its output in the work directory. The server can be stopped (SIGTERM, so it saves its
 * progress) and started again on the same port and data directory.
 */
final class FirehoseProcesses implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofMinutes(3);

    private final FirehoseOptions options;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int simPort = freePort();
    private final int serverPort = freePort();
    private Process simulator;
    private Process server;

    FirehoseProcesses(FirehoseOptions options, Path work) {
        this.options = options;
        this.work = work;
    }

    int serverPort() {
        return serverPort;
    }

    String simulatorUrl() {
        return "http://127.0.0.1:" + simPort;
    }

    long simulatorPid() {
        return simulator.pid();
    }

    /** Starts the simulator and waits until it serves its log list. */
    void startSimulator() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(options.simCommand());
        command.addAll(List.of("--port", Integer.toString(simPort)));
        simulator = new ProcessBuilder(command).redirectOutput(work.resolve("simulator.out").toFile())
                .redirectError(work.resolve("simulator.log").toFile()).start();
        awaitHttp(simulatorUrl() + "/log_list.json", simulator, "simulator");
    }

    /** Starts (or restarts) the server, waits until it answers /health, and returns its pid. */
    long startServer() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(options.serverCommand()).directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("server.out").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("server.log").toFile()));
        builder.environment().put("PORT", Integer.toString(serverPort));
        builder.environment().put("CERTSTREAM_LOG_LIST_URL", simulatorUrl() + "/log_list.json");
        server = builder.start();
        awaitHttp("http://127.0.0.1:" + serverPort + "/health", server, "server");
        return server.pid();
    }

    /** SIGTERM, as a user stopping it would; waits for it to save its progress and exit. */
    void stopServer() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }

    /** The server's /stats, or null when it does not answer. */
    JsonObject serverStats() {
        return json("http://127.0.0.1:" + serverPort + "/stats");
    }

    /** The simulator's traffic accounting, or null. */
    JsonObject simulatorTraffic() {
        return json(simulatorUrl() + "/_stats");
    }

    private JsonObject json(String url) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? new JsonObject(answer.body()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void awaitHttp(String url, Process process, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(what + " exited with status " + process.exitValue() + "; see " + work);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException(what + " did not answer " + url + " within " + START_DEADLINE);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : new Process[] {server, simulator}) {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    static Path createWork(Path requested) throws IOException {
        return requested != null ? Files.createDirectories(requested) : Files.createTempDirectory("certstream-firehose");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
