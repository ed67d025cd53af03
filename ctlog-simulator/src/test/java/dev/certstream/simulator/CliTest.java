package dev.certstream.simulator;


import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: options map to the configuration, --help lists them all, bad ones exit with 2. */
class CliTest {

    @Test
    void optionsMapToTheConfiguration() {
        Path certs = SimTestSupport.repoRoot().resolve("testdata/certs");
        SimulatorConfig config = CliOptions.parse("--port", "0", "--rfc6962-logs", "2", "--tiled-logs=3", "--initial-size",
                "1000", "--growth", "50", "--page-cap", "32", "--fault-rate", "0.3", "--faults", "429,500,slow,timeout,truncate,corrupt,shrink",
                "--gzip", "always", "--seed", "9", "--replay-certs", certs.toString(), "--checkpoint-period-ms", "250",
                "--slow-ms", "100", "--log-state", "rfc1=retired", "--keep-partials", "--no-witness", "--pool-size", "50");
        assertEquals(0, config.port());
        assertEquals(2, config.rfc6962Logs());
        assertEquals(3, config.tiledLogs());
        assertEquals(1000, config.initialSize());
        assertEquals(50.0, config.growthPerSecond());
        assertEquals(32, config.pageCap());
        assertEquals(0.3, config.faultRate());
        assertEquals(EnumSet.allOf(FaultKind.class), config.faults());
        assertEquals(GzipMode.ALWAYS, config.gzip());
        assertEquals(9, config.seed());
        assertEquals(certs, config.replayCerts());
        assertEquals(Duration.ofMillis(250), config.checkpointPeriod());
        assertEquals(Duration.ofMillis(100), config.slowDelay());
        assertEquals("retired", config.logStates().get("rfc1"));
        assertFalse(config.partialTilesVanish());
        assertFalse(config.witnessCosignature());
        assertEquals(50, config.poolSize());
        assertEquals(Set.of(), CliOptions.parse("--faults", "none").faults());
    }

    @Test
    void noOptionsGiveTheDefaults() {
        assertEquals(SimulatorConfig.builder().build(), CliOptions.parse());
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        assertMessage("unknown option --bogus", "--bogus");
        assertMessage("--port", "--port", "x");
        assertMessage("--port", "--port", "70000");
        assertMessage("--faults", "--faults", "429,explode");
        assertMessage("--gzip", "--gzip", "sometimes");
        assertMessage("--fault-rate", "--fault-rate", "1.5");
        assertMessage("--replay-tiles", "--replay-tiles", "/no/such/dir");
        assertMessage("--seed needs a value", "--seed");
        assertMessage("--log-state", "--log-state", "rfc0=sleepy");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String usage = CliOptions.usage();
        for (String option : new String[] {"--port", "--rfc6962-logs", "--tiled-logs", "--initial-size", "--growth", "--page-cap",
            "--checkpoint-period-ms", "--gzip", "--seed", "--pool-size", "--replay-certs", "--replay-tiles", "--fault-rate",
            "--faults", "--corrupt-rate", "--retry-after", "--slow-ms", "--timeout-close-ms", "--help"}) {
            assertTrue(usage.contains(option), option);
        }
        assertEquals(usage.lines().filter(l -> l.startsWith("  --")).count() - 1,
                usage.lines().filter(l -> l.contains("(default: ")).count(), "every option shows its default");
        assertTrue(usage.contains("--page-cap N") && usage.contains("(default: 256)"));
    }

    @Test
    void mainExitsWith2OnBadOptionsAndPrintsHelp() throws Exception {
        JavaProcess.Result bad = JavaProcess.run(Main.class, "--tiled-logs", "many");
        assertEquals(2, bad.exitStatus());
        assertTrue(bad.stderr().contains("--tiled-logs: not an integer: 'many'"), bad.stderr());
        JavaProcess.Result help = JavaProcess.run(Main.class, "--help");
        assertEquals(0, help.exitStatus());
        assertTrue(help.stdout().contains("--fault-rate R"), help.stdout());
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CliOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
