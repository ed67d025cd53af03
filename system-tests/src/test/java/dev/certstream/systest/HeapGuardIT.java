package dev.certstream.systest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.certstream.systest.client.Http;
import dev.certstream.systest.client.RawConnection;
import dev.certstream.systest.client.StreamClient;
import dev.certstream.systest.process.DemoServer;
import dev.certstream.systest.process.ProcessSpec;
import dev.certstream.systest.process.RepoPaths;
import dev.certstream.systest.process.ServerProcess;
import dev.certstream.testing.Wait;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap guard on the real server with the launcher's own JVM flags (the 120 MB heap): with the filter
 * bounds set far above what that heap holds, clients with large distinct filters fill it. Without the
 * guard the server dies of an OutOfMemoryError (with CERTSTREAM_HEAP_SHED_PERCENT=0 it did at the 209th
 * such filter, 91,520 patterns); with it, new streams get 503 while the heap is full (after 99 and 134 of them in two runs),
 * the connected client keeps receiving, and once the filters' clients leave, new streams are taken again.
 */
class HeapGuardIT {

    /** More than the 120 MB heap can index: the guard, not a bound, must stop them. */
    private static final int HOSTILE_CLIENTS = 400;

    @Test
    void aHeapFilledByFiltersRefusesNewStreamsInsteadOfRunningOut() throws Exception {
        ProcessSpec spec = DemoServer.spec("heap-guard-server", Map.of(
                        "CERTSTREAM_FILTER_MAX_PATTERNS", "100000000",
                        "CERTSTREAM_FILTER_MAX_INDEX_BYTES", Long.toString(1L << 40)))
                .withJvmOptions(launcherFlags());
        try (ServerProcess server = ServerProcess.start(spec).awaitHttp("/ready", DemoServer.START_DEADLINE)) {
            DemoServer.awaitCertificates(server, 1);
            String stats = DemoServer.baseUrl(server) + "/stats";
            StreamClient watcher = StreamClient.connect(DemoServer.wsUrl(server, "/"));
            List<RawConnection> hostile = new ArrayList<>();
            Random random = new Random(7);
            int admitted = 0;
            String refusal = null;
            try {
                for (int i = 0; i < HOSTILE_CLIENTS && refusal == null; i++) {
                    RawConnection connection = new RawConnection(server.httpPort());
                    String head = upgrade(server, connection, "/?keyword=" + randomKeywords(random, 440));
                    if (head.startsWith("HTTP/1.1 101")) {
                        hostile.add(connection);
                        admitted++;
                    } else {
                        connection.close();
                        refusal = head;
                    }
                }
                assertTrue(refusal != null, "all " + HOSTILE_CLIENTS + " filters fit in the heap: the test shows nothing");
                assertTrue(refusal.startsWith("HTTP/1.1 503"), "refused otherwise than for memory: " + refusal);
                assertTrue(refusal.contains("Retry-After: 30"), refusal);
                JsonNode guard = Http.get(stats).json().path("memory").path("heap_guard");
                assertTrue(guard.path("episodes").asLong() >= 1 && guard.path("refused_streams").asLong() >= 1,
                        "a 503 without the guard shedding, after " + admitted + " filters: " + guard);

                int before = watcher.textCount();
                Wait.until("the connected client to keep receiving while the guard sheds", Duration.ofMinutes(1),
                        () -> watcher.textCount() > before + 10);
            } finally {
                for (RawConnection connection : hostile) {
                    connection.close();
                }
            }
            Wait.until("the guard to take load again once the filters' clients left", Duration.ofMinutes(2), () ->
                    !Http.get(stats).json().path("memory").path("heap_guard").path("shedding").asBoolean(true));
            try (RawConnection again = new RawConnection(server.httpPort())) {
                String head = upgrade(server, again, "/?keyword=" + randomKeywords(random, 440));
                assertTrue(head.startsWith("HTTP/1.1 101"), "refused after the heap was freed: " + head);
            }
            assertTrue(server.isAlive(), server.logTail(30));
            watcher.close();
            assertTrue(!Files.readString(server.logFile()).contains("OutOfMemoryError"), server.logTail(30));
        }
    }

    /** The upgrade's response head; the server's death fails the test with its log rather than an I/O error. */
    private static String upgrade(ServerProcess server, RawConnection connection, String path) {
        String head;
        try {
            head = connection.upgrade(path);
        } catch (IOException e) {
            throw new AssertionError("the server did not answer (alive: " + server.isAlive() + "):\n" + server.logTail(30), e);
        }
        if (head.isEmpty()) {
            throw new AssertionError("the server closed the connection unanswered (alive: " + server.isAlive() + "):\n"
                    + server.logTail(30));
        }
        return head;
    }

    /** {@code count} random 16-letter keywords: no two filters share a pattern, and each fills the query limit. */
    private static String randomKeywords(Random random, int count) {
        StringBuilder keywords = new StringBuilder();
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                keywords.append(',');
            }
            for (int c = 0; c < 16; c++) {
                keywords.append((char) ('a' + random.nextInt(26)));
            }
        }
        return keywords.toString();
    }

    /** {@code bin/certstream flags run}: the embedded default's JVM flags, as the launcher starts it. */
    private static String[] launcherFlags() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(RepoPaths.root().resolve("bin/certstream").toString(), "flags", "run")
                .redirectErrorStream(true).start();
        String flags = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.waitFor(), flags);
        assertTrue(flags.contains("-Xmx120m"), flags);
        return flags.split("\\s+");
    }
}
