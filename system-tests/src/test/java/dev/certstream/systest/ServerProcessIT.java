package dev.certstream.systest;

import dev.certstream.systest.client.Http;

import dev.certstream.systest.process.DemoServer;
import dev.certstream.systest.process.ProcessSpec;
import dev.certstream.systest.process.RepoPaths;
import dev.certstream.systest.process.ServerProcess;

import dev.certstream.testing.Wait;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness itself, since the cluster tests will lean on it: a started server answers, a frozen one
 * does not until thawed, SIGTERM runs its shutdown hook, SIGKILL ends it, and it never runs the build's jar.
 */
class ServerProcessIT {

    @Test
    void freezeThawStopAndKillDoWhatTheySay() throws Exception {
        ProcessSpec spec = DemoServer.spec("harness-server", Map.of());
        URI health = URI.create("http://127.0.0.1:" + spec.httpPort() + "/health");
        try (ServerProcess server = ServerProcess.start(spec)) {
            server.awaitHttp("/health", DemoServer.START_DEADLINE);
            // Fully started (the watcher runs): a SIGTERM during start is ShutdownDuringStartIT's subject.
            DemoServer.awaitCertificates(server, 1);
            String command = ProcessHandle.of(server.pid()).orElseThrow().info().commandLine().orElse("");
            assertFalse(command.contains(RepoPaths.serverJar().toString()), "runs the build's own jar: " + command);

            server.freeze();
            // A stopped JVM accepts TCP connections (the kernel does) but never answers.
            assertEquals(-1, Http.statusOrMinusOne(health), "a frozen server answered");
            server.thaw();
            Wait.until("the thawed server to answer", Duration.ofMinutes(1), () -> Http.statusOrMinusOne(health) == 200);

            int exit = server.stop(Duration.ofSeconds(60));
            assertFalse(server.isAlive());
            String log = Files.readString(server.logFile());
            assertTrue(log.contains("shutting down"), "no shutdown hook ran:\n" + server.logTail(20));
            assertFalse(log.contains("unclean shutdown"), "SIGTERM did not close cleanly:\n" + server.logTail(20));
            assertNotEquals(137, exit, "SIGTERM ended in a kill");
        }
        try (ServerProcess server = ServerProcess.start(spec.withName("harness-server-killed"))) {
            server.awaitHttp("/health", DemoServer.START_DEADLINE);
            server.kill();
            assertFalse(server.isAlive());
            assertEquals(-1, Http.statusOrMinusOne(health), "a killed server answered");
        }
    }
}
