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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index page in a real browser (Debian's chromium, headless, driven by playwright-core): the live
 * feed fills with domain names, the counters move, the snippets name this server and the log table lists
 * the demo's four logs, the filter box restarts the feed with a server-side filter (and explains a bad one),
 * and no request of the page fails (the icon included). Leaves target/index-page.png behind for people to look at.
 */
class IndexPageBrowserIT {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void theIndexPageShowsTheLiveFeedCountersSnippetsAndLogs() throws IOException {
        // Checked per test (not in @BeforeAll) so a skip shows up as a skipped test in the report.
        SystemDeps.requireNode();
        SystemDeps.requireChromium();
        try (ServerProcess server = DemoServer.start("index-page-server", Map.of())) {
            DemoServer.awaitCertificates(server, 1);
            checkPageOf(server);
        }
    }

    private static void checkPageOf(ServerProcess server) throws IOException {
        String base = DemoServer.baseUrl(server);
        // The page must show exactly the logs /stats describes.
        DemoServer.awaitLogsDescribed(server, 4);
        List<String> logUrls = new ArrayList<>();
        Http.get(base + "/stats").json().get("logs").fieldNames().forEachRemaining(logUrls::add);
        Path screenshot = RepoPaths.target().resolve("index-page.png");
        Files.deleteIfExists(screenshot);

        NodeScript.Outcome outcome = NodeScript.run("index-page-browser", Duration.ofMinutes(4), "index-page.js",
                base, screenshot.toString(), String.join(",", logUrls), "150000");

        assertEquals(0, outcome.exitCode(), "the browser check failed: " + outcome.describe());
        JsonNode shown = Http.JSON.readTree(outcome.stdout()).get("shown");
        assertTrue(shown.get("feed").size() >= 5, "feed: " + shown);
        List<String> domains = new ArrayList<>();
        shown.get("feed").forEach(d -> domains.add(d.asText()));
        Shapes.assertDomains(domains.stream().filter(d -> !d.isEmpty()).toList());
        assertTrue(shown.get("processed").asLong() > 0 && shown.get("users").asLong() >= 1, "counters: " + shown);
        assertEquals(4, shown.get("logRows").size(), "log rows: " + shown.get("logRows"));
        String hostPort = "127.0.0.1:" + server.httpPort();
        shown.get("snippets").forEach(code -> assertTrue(code.asText().contains(hostPort), "snippet: " + code));
        JsonNode filter = Http.JSON.readTree(outcome.stdout()).get("filter");
        assertTrue(filter.get("items").size() >= 3, "the filter box restarted the feed with a filter: " + filter);
        assertTrue(filter.get("error").asText().contains("RE2"), "a bad filter's reason is shown: " + filter);

        byte[] png = Files.readAllBytes(screenshot);
        assertArrayEquals(PNG_MAGIC, java.util.Arrays.copyOf(png, 4), "the screenshot is not a PNG");
        assertTrue(png.length > 10_000, "suspiciously small screenshot: " + png.length + " bytes");
    }
}
