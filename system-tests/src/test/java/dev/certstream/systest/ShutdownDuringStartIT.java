package dev.certstream.systest;

import dev.certstream.systest.process.DemoServer;
import dev.certstream.systest.process.ServerProcess;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM while {@code run --demo} is still starting (the gateway answers, the watcher is not deployed
 * yet): the server must close as cleanly as it does once up. The shutdown hook lets the start finish
 * before closing, start failures never call System.exit on an event loop, and the demo never falls back
 * to the real CT log list.
 */
class ShutdownDuringStartIT {

    /** Lines the server's log must not have after a SIGTERM, each the symptom of one defect. */
    private static final List<String> SYMPTOMS = List.of(
            "unclean shutdown",                      // the shutdown hook timed out (20 s) waiting for vertx.close()
            "Thread blocked",                        // System.exit called on an event loop while the hook runs
            "Promise already completed",             // a start-up promise completed twice during the undeploy
            "using the snapshot bundled in the jar"); // --demo fell back to the real CT log list

    @Test
    void aSigtermDuringStartClosesCleanly() throws Exception {
        try (ServerProcess server = ServerProcess.start(DemoServer.spec("shutdown-during-start", Map.of()))) {
            server.awaitHttp("/health", DemoServer.START_DEADLINE);
            server.stop(Duration.ofMinutes(2));
            String log = Files.readString(server.logFile());
            assertTrue(log.contains("shutting down"), "no shutdown hook ran:\n" + server.logTail(20));
            List<String> found = SYMPTOMS.stream().filter(log::contains).toList();
            assertTrue(found.isEmpty(), "after SIGTERM " + server.logFile() + " has " + found);
        }
    }
}
