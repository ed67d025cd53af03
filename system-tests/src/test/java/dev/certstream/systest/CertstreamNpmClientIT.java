package dev.certstream.systest;

import dev.certstream.systest.check.Shapes;

import dev.certstream.systest.client.Http;

import dev.certstream.systest.process.DemoServer;
import dev.certstream.systest.process.NodeScript;
import dev.certstream.systest.process.RepoPaths;
import dev.certstream.systest.process.ServerProcess;
import dev.certstream.systest.process.SystemDeps;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CaliDog's own JS client (npm {@code certstream@1.1.1}, unchanged) against the real server jar: it must
 * connect to {@code /}, parse every frame and hand over lite certificate updates of the contract's shape.
 */
class CertstreamNpmClientIT {

    private static final int WANTED = 30;

    @Test
    void theCalidogClientReceivesLiteCertificateUpdates() throws IOException {
        // Checked per test (not in @BeforeAll) so a skip shows up as a skipped test in the report.
        SystemDeps.requireNode();
        try (ServerProcess server = DemoServer.start("npm-client-server", Map.of())) {
            DemoServer.awaitCertificates(server, 1);
            runClientAgainst(server);
        }
    }

    private static void runClientAgainst(ServerProcess server) throws IOException {
        Path received = RepoPaths.target().resolve("process-logs/npm-client-received.jsonl");
        NodeScript.Outcome outcome = NodeScript.run("npm-client", Duration.ofMinutes(3), "certstream-client.js",
                DemoServer.wsUrl(server, "/"), Integer.toString(WANTED), received.toString(), "120000");
        assertEquals(0, outcome.exitCode(), "the certstream client script failed: " + outcome.describe());
        assertTrue(outcome.stdout().contains("Connection established to certstream"),
                "the client never reported its connection: " + outcome.describe());

        List<JsonNode> updates = new ArrayList<>();
        Set<String> logs = new TreeSet<>();
        Set<String> updateTypes = new TreeSet<>();
        for (String line : Files.readAllLines(received)) {
            JsonNode message = Http.JSON.readTree(line);
            String type = message.path("message_type").asText();
            if (type.equals("heartbeat")) {
                Shapes.assertHeartbeat(message);
                continue;
            }
            assertEquals("certificate_update", type, "unexpected message on /: " + line);
            Shapes.assertLiteUpdate(message);
            updates.add(message);
            logs.add(message.at("/data/source/url").asText());
            updateTypes.add(message.at("/data/update_type").asText());
        }
        assertTrue(updates.size() >= WANTED, "only " + updates.size() + " certificate_update lines in " + received);
        // The demo follows two RFC 6962 and two static-ct logs and mixes certificates with precertificates.
        assertTrue(logs.size() >= 2, "all updates came from " + logs);
        assertEquals(Set.of("PrecertLogEntry", "X509LogEntry"), updateTypes, "update types seen");
    }
}
