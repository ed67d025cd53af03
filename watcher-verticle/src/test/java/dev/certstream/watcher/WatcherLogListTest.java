package dev.certstream.watcher;

import dev.certstream.watcher.cluster.FileProgressStore;
import dev.certstream.watcher.cluster.LogAssignment;
import dev.certstream.watcher.ct.CustomLogs;
import dev.certstream.watcher.ct.LogListLoader;
import dev.certstream.watcher.ct.LogSource;
import dev.certstream.watcher.ct.LogType;

import dev.certstream.contract.LogStatus;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.log.SimulatedLog;
import dev.certstream.testing.SimulatorExtension;
import dev.certstream.testing.Wait;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log list as the running watcher uses it: followed states of both kinds, pending by a setting,
 * periodic re-reads that start and stop followers, the last good copy on disk, the bundled snapshot for
 * an offline start, and custom logs.
 */
class WatcherLogListTest extends WatcherTestBase {

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder()
            .rfc6962Logs(2).tiledLogs(2).initialSize(300).growthPerSecond(5).poolSize(16).seed(3)
            .checkpointPeriod(Duration.ofMillis(200)));

    private HttpServer listServer;
    private final AtomicReference<Buffer> servedList = new AtomicReference<>();
    /** How many times the list server answered with the list set now (reset when it changes). */
    private final AtomicInteger servedCount = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        listServer = await(vertx.createHttpServer().requestHandler(request -> {
            Buffer body = servedList.get();
            if (body == null) {
                request.response().setStatusCode(503).end();
            } else {
                request.response().putHeader("Content-Type", "application/json").end(body)
                        .onSuccess(v -> servedCount.incrementAndGet());
            }
        }).listen(0, "127.0.0.1"));
    }

    private String listUrl() {
        return "http://127.0.0.1:" + listServer.actualPort() + "/log_list.json";
    }

    /** A log list naming the simulator's logs, with the given state for each (null = leave it out). */
    private Buffer listOf(String... states) {
        JsonArray logs = new JsonArray();
        JsonArray tiled = new JsonArray();
        List<SimulatedLog> simulated = simulator.logs();
        for (int i = 0; i < simulated.size() && i < states.length; i++) {
            SimulatedLog log = simulated.get(i);
            if (states[i] == null) {
                continue;
            }
            JsonObject entry = new JsonObject().put("description", log.description())
                    .put("key", java.util.Base64.getEncoder().encodeToString(log.publicKeyDer()))
                    .put("state", new JsonObject().put(states[i], new JsonObject().put("timestamp", "2026-01-01T00:00:00Z")));
            if (log.type().equals("rfc6962")) {
                logs.add(entry.put("url", log.url()));
            } else {
                tiled.add(entry.put("monitoring_url", log.url()).put("submission_url", log.submissionUrl()));
            }
        }
        return new JsonObject().put("operators", new JsonArray().add(new JsonObject().put("name", "Sim")
                .put("logs", logs).put("tiled_logs", tiled))).toBuffer();
    }

    private WatcherConfig config(String listUrl, boolean pending, List<LogSource> custom) {
        return TestConfigs.fast(listUrl, dataDir, Duration.ofSeconds(2))
                .logList(l -> l.refresh(Duration.ofMillis(300)).includePending(pending).customLogs(custom)).build();
    }

    private WatcherVerticle deploy(WatcherConfig config, boolean followNothing) throws Exception {
        FileProgressStore progress = new FileProgressStore(vertx, dataDir.resolve("progress.json"));
        await(progress.open(100));
        LogAssignment assignment = followNothing ? listed -> Future.succeededFuture(Set.of()) : LogAssignment.ALL;
        WatcherVerticle watcher = new WatcherVerticle(config, progress, new WatcherMetrics(), "test", assignment);
        await(vertx.deployVerticle(watcher));
        return watcher;
    }

    private Set<String> followed(WatcherVerticle watcher) throws Exception {
        return await(watcher.statuses()).stream().map(LogStatus::url).collect(Collectors.toSet());
    }

    private static void eventually(String what, Callable<Boolean> condition) {
        Wait.until(what, condition);
    }

    private Set<String> urls(int... indices) {
        return java.util.Arrays.stream(indices).mapToObj(i -> simulator.logs().get(i).url()).collect(Collectors.toSet());
    }

    @Test
    void followsListedStatesAndReactsToListChanges() throws Exception {
        servedList.set(listOf("usable", "retired", "qualified", "pending"));
        WatcherVerticle watcher = deploy(config(listUrl(), false, List.of()), false);
        eventually("usable and qualified logs are followed", () -> followed(watcher).equals(urls(0, 2)));

        servedList.set(listOf("readonly", "usable", null, "pending"));
        eventually("the re-read list starts log 1 and stops log 2", () -> followed(watcher).equals(urls(0, 1)));

        servedList.set(Buffer.buffer("{\"operators\": [ broken"));
        servedCount.set(0);
        // Served three times (one may be the previous list, already on its way): the refresh is periodic, so
        // by the last one the watcher has handled at least one broken answer.
        eventually("the watcher read the broken list", () -> servedCount.get() >= 3);
        assertEquals(urls(0, 1), followed(watcher), "a broken list keeps the previous one");
        assertTrue(Files.size(LogListLoader.lastGoodCopy(dataDir, URI.create(listUrl()))) > 0, "the last good list is kept on disk");
    }

    @Test
    void followsPendingLogsWhenConfiguredAndCustomLogsAlways() throws Exception {
        servedList.set(listOf(null, null, null, "pending"));
        SimulatedLog custom = simulator.logs().get(0);
        List<LogSource> customLogs = CustomLogs.parse("CERTSTREAM_CUSTOM_LOGS", "rfc6962:" + custom.url());
        WatcherVerticle watcher = deploy(config(listUrl(), true, customLogs), false);
        eventually("the pending log and the custom log are followed", () -> followed(watcher).equals(urls(0, 3)));
        eventually("the custom log is being read", () -> await(watcher.statuses()).stream()
                .anyMatch(s -> s.url().equals(custom.url()) && s.treeSize() > 0));
    }

    @Test
    void startsFromTheLastGoodCopyAndThenFromTheBundledSnapshot() throws Exception {
        servedList.set(listOf("usable", "usable", "usable", "usable"));
        WatcherVerticle first = deploy(config(listUrl(), false, List.of()), false);
        eventually("the served list is followed", () -> followed(first).size() == 4);
        await(vertx.undeploy(first.deploymentID()));

        servedList.set(null);
        WatcherVerticle fromDisk = deploy(config(listUrl(), false, List.of()), false);
        eventually("the copy on disk is followed while the list URL fails", () -> followed(fromDisk).size() == 4);
        await(vertx.undeploy(fromDisk.deploymentID()));

        // Offline with no copy on disk: the snapshot bundled in the jar. Follow nothing from it, so that
        // no test ever calls a real CT log; what matters is which logs it would follow.
        String unreachable = "http://127.0.0.1:1/unreachable.json";
        WatcherVerticle offline = deploy(config(unreachable, false, List.of()).toBuilder().logList(l -> l.bundledFallback(true)).build(), true);
        List<LogSource> listed = await(offline.listedLogs());
        assertEquals(45, listed.size(), "the bundled 2026 snapshot's usable, qualified and readonly logs");
        assertTrue(listed.stream().anyMatch(l -> l.type() == LogType.STATIC_CT));
        assertTrue(followed(offline).isEmpty());
        await(vertx.undeploy(offline.deploymentID()));

        // A custom list URL never falls back to Google's snapshot: that would follow real logs.
        WatcherVerticle custom = deploy(config(unreachable, false, List.of()), true);
        assertTrue(await(custom.listedLogs()).isEmpty());
    }

    @Test
    void keepsAskingForAListThatIsNotThereYet() throws Exception {
        WatcherVerticle watcher = deploy(config(listUrl(), false, List.of()).toBuilder()
                .logList(l -> l.refresh(Duration.ofHours(1))).build(), false);
        assertTrue(followed(watcher).isEmpty(), "the list server answers 503 at first");
        servedList.set(listOf("usable", "usable", "usable", "usable"));
        // Under an hour of refresh interval: the first list is retried every few seconds until it comes.
        eventually("the list that appeared later is followed", () -> followed(watcher).size() == 4);
    }
}
