package dev.certstream.watcher;

import dev.certstream.simulator.SimulatedLog;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.TrafficReport;
import dev.certstream.testing.SimulatorExtension;
import dev.certstream.testing.Wait;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;

import static dev.certstream.testing.TestFutures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watcher as log operators see it, counted at the simulator, while five logs of two operators catch up a
 * backlog: one operator's logs together never get more than the operator budget per second; the other
 * operator throttles below the budget (429 with Retry-After) and no request reaches any of its logs before
 * a Retry-After has elapsed; every request names the configured contact; and every entry is still
 * published once, in order.
 */
class WatcherPolitenessTest extends WatcherTestBase {

    private static final String OPEN_OPERATOR = "Simulated Operator A";
    private static final String THROTTLING_OPERATOR = "Simulated Operator B";
    private static final int BUDGET = 10;
    private static final long START = 1200;
    private static final long TARGET = 1900;
    private static final String CONTACT = "ops@example.org";

    @RegisterExtension
    final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder()
            .rfc6962Logs(3).tiledLogs(2).initialSize(2000).growthPerSecond(1).pageCap(64).poolSize(32).seed(5)
            .checkpointPeriod(Duration.ofMillis(500))
            .operatorLimit(THROTTLING_OPERATOR, 4).retryAfterSeconds(1));

    @Test
    void theOperatorBudgetRetryAfterAndContactHoldWhileABacklogIsCaughtUp() throws Exception {
        JsonObject saved = new JsonObject();
        simulator.logs().forEach(log -> saved.put(log.url(), START));
        Files.writeString(dataDir.resolve("progress.json"), saved.encode());
        Published published = Published.listen(vertx);
        WatcherConfig config = TestConfigs.fast(simulator.logListUrl(), dataDir, Duration.ofSeconds(2))
                .politeness(p -> p.contact(CONTACT).operatorRate(BUDGET)).build();
        WatcherMetrics metrics = new WatcherMetrics();
        WatcherVerticle watcher = deployWatcher(config, metrics);

        Wait.until("every log published up to " + TARGET, () -> simulator.logs().stream()
                .allMatch(log -> published.last(log.url()) >= TARGET));
        TrafficReport traffic = simulator.get().traffic();

        TrafficReport.OperatorTraffic open = traffic.operators().get(OPEN_OPERATOR);
        assertTrue(open.requests() > 3 * (TARGET - START) / 64, "the backlog was read in pages: " + open.requests());
        // At most BUDGET in any 1.1 s at the watcher; 3 more for requests the simulator stamps late.
        assertTrue(open.maxRequestsPerSecond() <= BUDGET + 3, "requests to one operator in a second: "
                + open.maxRequestsPerSecond() + " > budget " + BUDGET);
        assertEquals(0, open.throttled());

        TrafficReport.OperatorTraffic throttling = traffic.operators().get(THROTTLING_OPERATOR);
        assertTrue(throttling.throttled() > 0, "the operator throttled: its limit is below the budget");
        assertEquals(0, throttling.earlyRetries(), "a request reached the operator inside its Retry-After");
        assertEquals(0, traffic.earlyRetries(), "a request reached a log inside its Retry-After: " + traffic.toJson());

        assertFalse(traffic.userAgents().isEmpty());
        traffic.userAgents().keySet().forEach(agent -> assertTrue(agent.matches("certstream-vertx/\\S+ \\(\\+contact: "
                + CONTACT.replace(".", "\\.") + "\\)"), "User-Agent '" + agent + "'"));
        assertEquals(0, traffic.otherUserAgents());
        for (SimulatedLog log : simulator.logs()) {
            published.assertOnceInOrderFrom(log.url(), START);
        }

        // The watcher reports the same in its /stats and /metrics.
        JsonObject operators = await(watcher.stats()).getJsonObject("operators");
        assertEquals(BUDGET, operators.getJsonObject(OPEN_OPERATOR).getInteger("rate"));
        assertTrue(operators.getJsonObject(OPEN_OPERATOR).getLong("requests") >= open.requests() - 5, operators.encode());
        assertTrue(operators.getJsonObject(THROTTLING_OPERATOR).getLong("too_many_requests") > 0, operators.encode());
        assertTrue(operators.getJsonObject(THROTTLING_OPERATOR).getLong("held_ms") > 0, operators.encode());
        assertTrue(metrics.total(WatcherMetrics.OPERATOR_THROTTLED, "operator", THROTTLING_OPERATOR) > 0);
        assertTrue(metrics.total(WatcherMetrics.OPERATOR_REQUESTS, "operator", OPEN_OPERATOR) >= open.requests() - 5);
    }
}
