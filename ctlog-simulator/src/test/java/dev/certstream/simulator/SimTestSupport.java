package dev.certstream.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.awaitility.Awaitility;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Shared helpers of the simulator tests: blocking waits with generous deadlines, a plain HTTP client, the repo root. */
public final class SimTestSupport {

    /** Generous: the machine is shared and the first pool build in a JVM takes seconds. */
    public static final long DEADLINE_SECONDS = 120;

    private SimTestSupport() {
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    public static CtLogSimulator start(Vertx vertx, SimulatorConfig config) {
        return await(CtLogSimulator.start(vertx, config));
    }

    /** A client that never decompresses, so tests see Content-Encoding and the bytes as sent. */
    public static WebClient client(Vertx vertx) {
        return WebClient.create(vertx, new WebClientOptions().setDecompressionSupported(false).setKeepAlive(true));
    }

    public static HttpResponse<Buffer> get(WebClient client, String url) {
        return await(client.getAbs(url).send());
    }

    public static JsonObject getJson(WebClient client, String url) {
        HttpResponse<Buffer> response = get(client, url);
        if (response.statusCode() != 200) {
            throw new AssertionError(url + " -> " + response.statusCode() + " " + response.bodyAsString());
        }
        return response.bodyAsJsonObject();
    }

    /**
     * Polls {@code condition} until it holds or the deadline passes: Awaitility, the one way every module's
     * tests wait (this module cannot use test-support's helper, which depends on it).
     */
    public static void waitUntil(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(DEADLINE_SECONDS)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).pollInSameThread().until(condition::getAsBoolean);
    }

    /** The checkout root: the certstream.root property, else the first parent holding testdata/. */
    public static Path repoRoot() {
        String property = System.getProperty("certstream.root");
        if (property != null && Files.isDirectory(Path.of(property, "testdata"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no testdata/ above " + Path.of("").toAbsolutePath());
    }

    /** A small, quiet configuration: no growth, so tests decide when trees grow. */
    public static SimulatorConfig.Builder quiet() {
        return SimulatorConfig.builder().growthPerSecond(0).initialSize(600).poolSize(120)
                .checkpointPeriod(java.time.Duration.ofMillis(200));
    }
}
