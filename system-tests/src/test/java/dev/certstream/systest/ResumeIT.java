package dev.certstream.systest;

import dev.certstream.systest.check.ResumeChecks;
import dev.certstream.systest.check.UniqueChecks;

import dev.certstream.systest.client.JsonLines;
import dev.certstream.systest.client.ReadmeExample;
import dev.certstream.systest.client.SseStreamClient;
import dev.certstream.systest.client.StreamClient;

import dev.certstream.systest.process.CuttingProxy;
import dev.certstream.systest.process.DemoServer;
import dev.certstream.systest.process.DemoServerExtension;
import dev.certstream.systest.process.NodeScript;
import dev.certstream.systest.process.RepoPaths;
import dev.certstream.systest.process.SystemDeps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.certstream.systest.check.ResumeChecks.Entry;
import dev.certstream.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions II against the demo server (issue 10), its simulator logging 30 % of issuances in every log:
 * a filtered websocket client away for 30 s, an EventSource in headless Chromium whose server drops it, and
 * the README's Python example across a cut, each get, beside what they got before, exactly what a client
 * that never left got: no gap, no duplicate, in order per log. {@code unique=certificate} and
 * {@code unique=issuance} clients get each certificate or issuance of a window exactly once, while a plain
 * client gets every entry.
 */
class ResumeIT {

    private static final int LOGS = 4;
    private static final Duration AWAY = Duration.ofSeconds(30);

    @RegisterExtension
    static final DemoServerExtension SERVER = new DemoServerExtension("resume-server",
            Map.of("CERTSTREAM_DEMO_RATE", "8", "CERTSTREAM_DEMO_SHARED", "30"));

    @Test
    void aFilteredWebsocketClientAwayFor30SecondsMissesNothing() throws InterruptedException {
        String query = "/?type=precert";
        try (StreamClient reference = StreamClient.connect(SERVER.wsUrl(query))) {
            StreamClient leaving = StreamClient.connect(SERVER.wsUrl(query + "&cursor=1&gaps=1"));
            Supplier<List<Entry>> first = () -> ResumeChecks.entries(leaving.messages());
            Wait.until("the leaving client saw every log", DemoServer.CERTIFICATE_DEADLINE,
                    () -> ResumeChecks.firstPerLog(first.get()).size() == LOGS);
            leaving.close();
            String cursor = lastCursor(leaving.messages());
            assertNotNull(cursor, "certificate messages carry a cursor for clients that asked");
            // The scenario itself, not a wait for a condition: the client is away for 30 s while certificates flow.
            TimeUnit.MILLISECONDS.sleep(AWAY.toMillis());
            try (StreamClient back = StreamClient.connect(SERVER.wsUrl(query + "&cursor=1&gaps=1&since=" + cursor))) {
                back.awaitMessages("certificate_update", 1, ResumeChecks.CATCH_UP);
                ResumeChecks.assertLossless("websocket " + query, () -> ResumeChecks.entries(reference.messages()),
                        () -> concat(first.get(), ResumeChecks.entries(back.messages())), ResumeChecks.firstPerLog(first.get()));
                assertEquals(List.of(), back.messages("gap"), "the buffer held everything");
                assertTrue(back.messages().stream().allMatch(m -> m.path("data").path("update_type").asText("PrecertLogEntry")
                        .equals("PrecertLogEntry")), "the replay kept the filter");
            }
        }
    }

    @Test
    void anEventSourceInChromiumResumesWhenItsServerDropsIt() throws IOException {
        SystemDeps.requireNode();
        SystemDeps.requireChromium();
        String path = "/events?stream=lite&type=x509";
        Path dir = Files.createDirectories(RepoPaths.target().resolve("resume-event-source"));
        Path out = dir.resolve("events.jsonl");
        Path stop = dir.resolve("stop");
        Files.deleteIfExists(stop);
        // A previous run's events (target/ survives between runs) would pass the first wait before the browser
        // started, and the cut would then meet its first page load.
        Files.deleteIfExists(out);
        try (CuttingProxy proxy = new CuttingProxy(SERVER.port());
             SseStreamClient reference = SseStreamClient.open(SERVER.baseUrl() + path)) {
            NodeScript.Running browser = NodeScript.start("resume-event-source", "event-source.js", proxy.baseUrl(), path,
                    out.toString(), stop.toString(), "300000");
            Supplier<List<Entry>> got = () -> ResumeChecks.entries(JsonLines.read(out, "data"));
            Wait.until("the EventSource saw every log", DemoServer.CERTIFICATE_DEADLINE,
                    () -> ResumeChecks.firstPerLog(got.get()).size() == LOGS);
            Map<String, Long> from = ResumeChecks.firstPerLog(got.get());
            int before = got.get().size();
            // Long enough that certificates flow meanwhile: the browser reconnects with Last-Event-ID.
            proxy.cut(Duration.ofSeconds(8));
            awaitAdvance(() -> ResumeChecks.entries(reference.events().stream().map(e -> JsonLines.parse(e.data())).toList()));
            Wait.until("events after the cut", ResumeChecks.CATCH_UP, () -> got.get().size() > before + 20);
            ResumeChecks.assertLossless("Chromium EventSource " + path,
                    () -> ResumeChecks.entries(reference.events().stream().map(e -> JsonLines.parse(e.data())).toList()),
                    got, from);
            Files.writeString(stop, "stop");
            NodeScript.Outcome outcome = browser.finish(Duration.ofMinutes(1));
            assertEquals(0, outcome.exitCode(), outcome.describe());
        }
    }

    @Test
    void theReadmePythonExampleLosesNothingAcrossACut() throws Exception {
        SystemDeps.requirePythonWebsocket();
        Path dir = Files.createDirectories(RepoPaths.target().resolve("resume-python"));
        Path script = dir.resolve("resume_client.py");
        Files.writeString(script, ReadmeExample.python("resume-example"));
        Path out = dir.resolve("stdout.jsonl");
        Path err = dir.resolve("stderr.txt");
        String query = "/?type=x509";
        try (CuttingProxy proxy = new CuttingProxy(SERVER.port());
             StreamClient reference = StreamClient.connect(SERVER.wsUrl(query))) {
            Process python = new ProcessBuilder(SystemDeps.PYTHON.toString(), script.toString(), proxy.wsUrl(query))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                Supplier<List<Entry>> got = () -> JsonLines.read(out, null).stream()
                        .map(line -> new Entry(line.path("log").asText().replaceAll("/+$", ""), line.path("index").asLong())).toList();
                Wait.until("the Python client saw every log", DemoServer.CERTIFICATE_DEADLINE,
                        () -> ResumeChecks.firstPerLog(got.get()).size() == LOGS);
                Map<String, Long> from = ResumeChecks.firstPerLog(got.get());
                proxy.cut(Duration.ofSeconds(8));
                awaitAdvance(() -> ResumeChecks.entries(reference.messages()));
                ResumeChecks.assertLossless("README Python example", () -> ResumeChecks.entries(reference.messages()), got, from);
                assertTrue(Files.readString(err).matches("(?s).*resuming from [A-Za-z0-9_-]+.*"),
                        "it reconnected with a cursor: " + Files.readString(err));
            } finally {
                python.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void uniqueClientsGetEachCertificateOrIssuanceOnceAndThePlainStreamIsUnchanged() {
        try (StreamClient plain = StreamClient.connect(SERVER.wsUrl("/"));
             StreamClient certificates = StreamClient.connect(SERVER.wsUrl("/?unique=certificate"));
             StreamClient issuances = StreamClient.connect(SERVER.wsUrl("/?unique=issuance"))) {
            UniqueChecks.assertEachOnce("certificate", LOGS, plain::messages, List.of(certificates::messages));
            UniqueChecks.assertEachOnce("issuance", LOGS, plain::messages, List.of(issuances::messages));
        }
    }

    /** Waits until the reference got 20 more entries on every log: certificates flowed while the client was cut off. */
    private static void awaitAdvance(Supplier<List<Entry>> reference) {
        Map<String, Long> atCut = ResumeChecks.lastPerLog(reference.get());
        Wait.until("certificates flowing after the cut", ResumeChecks.CATCH_UP, () -> {
            Map<String, Long> now = ResumeChecks.lastPerLog(reference.get());
            return atCut.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), -1L) >= e.getValue() + 20);
        });
    }

    /** The cursor of the last message that carried one (certificate or cursor message). */
    private static String lastCursor(List<JsonNode> messages) {
        String cursor = null;
        for (JsonNode message : messages) {
            if (message.hasNonNull("cursor")) {
                cursor = message.get("cursor").asText();
            }
        }
        return cursor;
    }

    private static List<Entry> concat(List<Entry> a, List<Entry> b) {
        List<Entry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
