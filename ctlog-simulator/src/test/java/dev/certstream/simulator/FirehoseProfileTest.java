package dev.certstream.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.certstream.simulator.SimTestSupport.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The firehose profile: the 2026 log list's shape, its rates, and growth and timestamps that follow the clock. */
@ExtendWith(VertxExtension.class)
class FirehoseProfileTest {

    private static final SimulatorConfig FIREHOSE = SimulatorConfig.builder().profile(Profile.FIREHOSE).build();

    @Test
    void fortyEightLogsOfTheRealOperators() {
        List<LogSpec> logs = Profile.FIREHOSE.logs(FIREHOSE);
        assertEquals(27, logs.stream().filter(log -> !log.tiled()).count());
        assertEquals(21, logs.stream().filter(LogSpec::tiled).count());
        assertEquals(48, logs.stream().map(LogSpec::name).distinct().count(), "names are unique");
        assertEquals(Set.of("Google", "Cloudflare", "DigiCert", "Sectigo", "Let's Encrypt", "TrustAsia", "Geomys",
                "IPng Networks"), logs.stream().map(LogSpec::operator).collect(Collectors.toSet()));
        Map<String, Long> tiledByOperator = logs.stream().filter(LogSpec::tiled)
                .collect(Collectors.groupingBy(LogSpec::operator, Collectors.counting()));
        assertEquals(6, tiledByOperator.get("Let's Encrypt"), "Sycamore and Willow");
        assertEquals(4, tiledByOperator.get("IPng Networks"), "Gouda and Halloumi");
        assertTrue(logs.stream().filter(log -> log.operator().equals("Geomys")).allMatch(LogSpec::tiled));
    }

    @Test
    void ratesAreSkewedLikeTheRealOnesAndAddUpToAboutFifteenHundred() {
        List<LogSpec> logs = Profile.FIREHOSE.logs(FIREHOSE);
        double total = logs.stream().mapToDouble(LogSpec::growthPerSecond).sum();
        assertTrue(total >= 1400 && total <= 1600, "total " + total);
        List<Double> sorted = logs.stream().map(LogSpec::growthPerSecond).sorted(Comparator.reverseOrder()).toList();
        long busy = sorted.stream().filter(rate -> rate >= 100).count();
        assertTrue(busy >= 3 && busy <= 8, "a few busy logs: " + busy);
        assertTrue(sorted.get(0) <= 650, "the busiest: " + sorted.get(0));
        assertTrue(sorted.get(24) <= 10, "most logs take a few per second; the median is " + sorted.get(24));
        assertTrue(logs.stream().allMatch(log -> log.growthPerSecond() >= 1), "no log is idle");
        double scaled = Profile.FIREHOSE.logs(FIREHOSE.toBuilder().rateScale(2).build()).stream()
                .mapToDouble(LogSpec::growthPerSecond).sum();
        assertEquals(2 * total, scaled, 1e-9);
    }

    @Test
    void theProfileBringsOneSecondTreeHeadsAndLiveTimestamps() {
        assertEquals(Duration.ofSeconds(1), FIREHOSE.checkpointPeriod());
        assertEquals(Duration.ofSeconds(1), FIREHOSE.sthPeriod());
        assertTrue(FIREHOSE.liveTimestamps());
        assertEquals(FIREHOSE, CliOptions.parse("--profile", "firehose"));
        // Options after or before --profile override what it presets.
        assertEquals(Duration.ZERO, CliOptions.parse("--sth-period-ms", "0", "--profile", "firehose").sthPeriod());
        assertEquals(Duration.ofMillis(500), CliOptions.parse("--profile", "firehose", "--checkpoint-period-ms", "500")
                .checkpointPeriod());
    }

    @Test
    void growthFollowsTheClockAndEntriesAreStampedWhenTheyWereReached() throws Exception {
        SimulatorConfig config = FIREHOSE.toBuilder().poolSize(60).initialSize(100).build();
        LogAssembler.Prepared prepared = LogAssembler.prepare(config);
        long start = 1_800_000_000_000L;
        List<SimulatedLog> logs = LogAssembler.assemble(config, prepared, "http://127.0.0.1:1", start);
        assertEquals(48, logs.size());
        for (SimulatedLog log : logs) {
            log.grow(start + 1500);
            long gained = log.treeSize() - 100;
            assertEquals((long) Math.floor(1.5 * log.growthPerSecond()), gained, log.name());
        }
        SimulatedLog busiest = logs.stream().max(Comparator.comparingDouble(SimulatedLog::growthPerSecond)).orElseThrow();
        long newest = busiest.treeSize() - 1;
        // Every grown entry's stamp is at most the time it appeared, and no earlier than one entry's spacing before it.
        double spacingMs = 1000 / busiest.growthPerSecond();
        assertTrue(busiest.entry(newest).timestampMs() <= start + 1500);
        assertTrue(busiest.entry(100).timestampMs() > start && busiest.entry(100).timestampMs() <= start + spacingMs + 1);
        assertTrue(busiest.entry(99).timestampMs() <= start, "the initial tree was logged before the start");
        for (long i = 100; i < newest; i++) {
            assertTrue(busiest.entry(i).timestampMs() <= busiest.entry(i + 1).timestampMs(), "monotone at " + i);
        }
        SimulatedLog argon = log(logs, "rfc0");
        assertEquals(3, argon.growthPerSecond());
        argon.grow(start + 1000);
        argon.grow(start + 1500);
        assertEquals(100 + 4, argon.treeSize(), "a time already reached adds nothing");
    }

    @Test
    void theLogListGroupsTheLogsUnderTheirOperators(Vertx vertx) {
        CtLogSimulator simulator = SimTestSupport.start(vertx, FIREHOSE.toBuilder().poolSize(60).build());
        try {
            JsonObject list = SimTestSupport.getJson(SimTestSupport.client(vertx), simulator.logListUrl());
            JsonArray operators = list.getJsonArray("operators");
            assertEquals(8, operators.size());
            int rfc = 0;
            int tiled = 0;
            for (Object o : operators) {
                JsonObject operator = (JsonObject) o;
                rfc += operator.getJsonArray("logs").size();
                tiled += operator.getJsonArray("tiled_logs").size();
            }
            assertEquals(27, rfc);
            assertEquals(21, tiled);
            assertEquals("Google 'Argon2026h2' log (simulated)", simulator.log("rfc1").description());
        } finally {
            await(simulator.close());
        }
    }

    private static SimulatedLog log(List<SimulatedLog> logs, String name) {
        return logs.stream().filter(log -> log.name().equals(name)).findFirst().orElseThrow();
    }
}
