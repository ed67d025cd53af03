package dev.certstream.simulator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The politeness accounting with explicit clocks: peak rates, partial-tile repeats, early retries, throttling. */
class TrafficAccountTest {

    private static List<SimulatedLog> logs;

    @BeforeAll
    static void logs() throws Exception {
        SimulatorConfig config = SimulatorConfig.builder().profile(Profile.FIREHOSE).poolSize(20).build();
        logs = LogAssembler.assemble(config, LogAssembler.prepare(config), "http://127.0.0.1:1", 0);
    }

    @Test
    void peakRateIsTheMostRequestsInAnySlidingSecond() {
        SlidingSecond window = new SlidingSecond();
        for (int i = 0; i < 10; i++) {
            window.record(i * 100);           // 10 in [0, 900]
        }
        assertEquals(10, window.max());
        assertEquals(10, window.count(999));
        assertEquals(9, window.count(1000), "the event at 0 left the window");
        for (int i = 0; i < 40; i++) {
            window.record(5000 + i);          // a burst of 40 grows the array past its first size
        }
        assertEquals(40, window.max());
        assertEquals(0, window.count(7000));
    }

    @Test
    void requestsAreCountedPerLogAndPerOperator() {
        TrafficAccount account = new TrafficAccount();
        SimulatedLog argon = log("rfc1");
        SimulatedLog xenon = log("rfc4");
        for (int i = 0; i < 6; i++) {
            account.request(i % 2 == 0 ? argon : xenon, "certstream/1.0 (+mailto:ops@example.org)", false, 10_000 + i);
        }
        account.request(null, null, false, 10_100);
        account.served(argon, 200, 1234);
        TrafficReport report = account.report();
        assertEquals(7, report.requests());
        assertEquals(1, report.otherRequests());
        assertEquals(3, report.logs().get("rfc1").requests());
        assertEquals(3, report.logs().get("rfc1").maxRequestsPerSecond());
        assertEquals(1234, report.logs().get("rfc1").bytesServed());
        assertEquals("Google", report.logs().get("rfc1").operator());
        assertEquals(6, report.operators().get("Google").maxRequestsPerSecond());
        assertEquals(Map.of("certstream/1.0 (+mailto:ops@example.org)", 6L, "", 1L), report.userAgents());
        assertEquals(report.logs().get("rfc1").requests(), report.toJson().getJsonObject("logs").getJsonObject("rfc1")
                .getLong("requests"));
    }

    @Test
    void aPartialTileFetchedTwiceForOneCheckpointIsARepeat() {
        TrafficAccount account = new TrafficAccount();
        SimulatedLog log = log("tiled1");
        account.partialTile(log, new TilePath(7, 40), 1832);
        account.partialTile(log, new TilePath(7, 60), 1852);   // a newer checkpoint: a new fetch, fine
        account.partialTile(log, new TilePath(7, 60), 1852);   // the same again: impolite
        TrafficReport.LogTraffic traffic = account.report().logs().get("tiled1");
        assertEquals(3, traffic.partialTileFetches());
        assertEquals(1, traffic.partialTileRepeats());
        assertEquals(Map.of("007.p/60@1852", 2), traffic.repeatedPartialTiles());
        assertEquals(1, account.report().partialTileRepeats());
    }

    @Test
    void aRequestInsideRetryAfterIsAnEarlyRetryUnlessItWasAlreadyInFlight() {
        TrafficAccount account = new TrafficAccount();
        SimulatedLog log = log("rfc10");     // DigiCert
        SimulatedLog sibling = log("rfc11");
        account.tooManyRequests(log, false, 2000, 50_000);
        account.request(log, "ua", false, 50_000 + TrafficAccount.IN_FLIGHT_GRACE_MS);  // in flight: not counted
        account.request(sibling, "ua", false, 50_500);   // another log: a per-log 429 does not cover it
        account.request(log, "ua", false, 51_000);       // early
        account.request(log, "ua", false, 52_000);       // Retry-After elapsed
        TrafficReport report = account.report();
        assertEquals(1, report.logs().get("rfc10").earlyRetries());
        assertEquals(1, report.logs().get("rfc10").tooManyRequests());
        assertEquals(0, report.logs().get("rfc11").earlyRetries());
        account.tooManyRequests(log, true, 2000, 60_000);  // an operator-wide throttle covers its siblings
        account.request(sibling, "ua", false, 61_000);
        assertEquals(1, account.report().operators().get("DigiCert").earlyRetries());
        assertEquals(1, account.report().operators().get("DigiCert").throttled());
        assertEquals(0, account.report().logs().get("rfc11").earlyRetries(), "counted for the operator, not the log");
    }

    @Test
    void userAgentsAreBounded() {
        TrafficAccount account = new TrafficAccount();
        for (int i = 0; i < TrafficAccount.MAX_USER_AGENTS + 10; i++) {
            account.request(null, "agent-" + i, false, i);
        }
        assertEquals(TrafficAccount.MAX_USER_AGENTS, account.report().userAgents().size());
        assertEquals(10, account.report().otherUserAgents());
        account.reset();
        assertEquals(0, account.report().requests());
    }

    @Test
    void anOperatorAdmitsItsLimitPerSlidingSecond() {
        OperatorThrottle throttle = new OperatorThrottle(Map.of("DigiCert", 3.0, OperatorThrottle.EVERY_OPERATOR, 100.0));
        assertTrue(throttle.admit("DigiCert", 0));
        assertTrue(throttle.admit("DigiCert", 10));
        assertTrue(throttle.admit("DigiCert", 20));
        assertFalse(throttle.admit("DigiCert", 30));
        assertFalse(throttle.admit("DigiCert", 999), "refused requests do not count, but the window still holds 3");
        assertTrue(throttle.admit("DigiCert", 1000));
        for (int i = 0; i < 100; i++) {
            assertTrue(throttle.admit("Google", 0), "the default limit");
        }
        assertFalse(throttle.admit("Google", 1));
        assertTrue(new OperatorThrottle(Map.of()).admit("Sectigo", 0), "no limit, no throttle");
    }

    private static SimulatedLog log(String name) {
        return logs.stream().filter(log -> log.name().equals(name)).findFirst().orElseThrow();
    }
}
