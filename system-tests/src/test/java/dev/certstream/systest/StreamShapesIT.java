package dev.certstream.systest;

import dev.certstream.systest.check.JsonRouteChecks;
import dev.certstream.systest.check.Shapes;

import dev.certstream.systest.client.StreamClient;

import dev.certstream.systest.process.DemoServer;
import dev.certstream.systest.process.ServerProcess;

import dev.certstream.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plain websocket clients on every stream route of the real server jar: the right message shape per
 * route in text frames, the lite and dns_entries renderings agreeing with the full one, and heartbeats
 * on a quiet server (a demo with no logs); and the JSON routes ({@link JsonRouteChecks}) on both servers.
 */
class StreamShapesIT {

    static final Duration MESSAGE_DEADLINE = Duration.ofMinutes(1);
    private static ServerProcess live;
    private static ServerProcess quiet;

    @BeforeAll
    static void startServers() {
        // Both JVMs start at once; each builds its simulator's certificate pool on start.
        ServerProcess liveStarting = ServerProcess.start(DemoServer.spec("stream-shapes-live", Map.of()));
        ServerProcess quietStarting = ServerProcess.start(DemoServer.spec("stream-shapes-quiet",
                Map.of("CERTSTREAM_DEMO_LOGS", "0", "CERTSTREAM_HEARTBEAT_INTERVAL", "1s")));
        live = liveStarting.awaitHttp("/ready", DemoServer.START_DEADLINE);
        quiet = quietStarting.awaitHttp("/ready", DemoServer.START_DEADLINE);
        DemoServer.awaitCertificates(live, 1);
        DemoServer.awaitLogsDescribed(live, 4);
    }

    @AfterAll
    static void stopServers() {
        for (ServerProcess server : new ServerProcess[]{live, quiet}) {
            if (server != null) {
                server.close();
            }
        }
    }

    static ServerProcess live() {
        return live;
    }

    static ServerProcess quiet() {
        return quiet;
    }

    @Test
    void everyStreamRouteSendsItsShapeInTextFrames() {
        Map<String, String> typeByRoute = new LinkedHashMap<>();
        typeByRoute.put("/", "certificate_update");
        typeByRoute.put("/full-stream", "certificate_update");
        typeByRoute.put("/full-stream/", "certificate_update");
        typeByRoute.put("/domains-only", "dns_entries");
        typeByRoute.put("/domains-only/", "dns_entries");
        Map<String, Consumer<JsonNode>> shapeByRoute = Map.of(
                "/", Shapes::assertLiteUpdate,
                "/full-stream", Shapes::assertFullUpdate, "/full-stream/", Shapes::assertFullUpdate,
                "/domains-only", Shapes::assertDnsEntries, "/domains-only/", Shapes::assertDnsEntries);
        Map<String, StreamClient> clients = new LinkedHashMap<>();
        typeByRoute.keySet().forEach(route -> clients.put(route, StreamClient.connect(DemoServer.wsUrl(live, route))));
        try {
            clients.forEach((route, client) -> client.awaitMessages(typeByRoute.get(route), 10, MESSAGE_DEADLINE));
        } finally {
            clients.values().forEach(StreamClient::close);
        }
        clients.forEach((route, client) -> {
            assertEquals(0, client.binaryFrames(), "binary frames on " + route);
            for (JsonNode message : client.messages()) {
                if (message.path("message_type").asText().equals("heartbeat")) {
                    Shapes.assertHeartbeat(message);
                } else {
                    assertEquals(typeByRoute.get(route), message.path("message_type").asText(), route + ": " + message);
                    shapeByRoute.get(route).accept(message);
                }
            }
        });
    }

    @Test
    void liteAndDomainsOnlyAreCutFromTheSameCertificatesAsFull() {
        try (StreamClient lite = StreamClient.connect(DemoServer.wsUrl(live, "/"))) {
            // Once the lite client has a message it is surely attached before the others connect, so it
            // receives every certificate they do.
            lite.awaitMessages("certificate_update", 1, MESSAGE_DEADLINE);
            StreamClient full = StreamClient.connect(DemoServer.wsUrl(live, "/full-stream"));
            StreamClient domains = StreamClient.connect(DemoServer.wsUrl(live, "/domains-only"));
            try {
                full.awaitMessages("certificate_update", 20, MESSAGE_DEADLINE);
                domains.awaitMessages("dns_entries", 20, MESSAGE_DEADLINE);
            } finally {
                domains.close();
                full.close();
            }
            List<JsonNode> fullUpdates = full.messages("certificate_update");
            List<JsonNode> dnsEntries = domains.messages("dns_entries");
            Wait.until("the lite client to have every certificate the full and domains-only clients got",
                    MESSAGE_DEADLINE, () -> missingFromLite(lite, fullUpdates, dnsEntries).isEmpty());
            Map<String, JsonNode> liteByEntry = byEntry(lite.messages("certificate_update"));
            for (JsonNode fullUpdate : fullUpdates) {
                ObjectNode expected = fullUpdate.deepCopy();
                ObjectNode data = (ObjectNode) expected.get("data");
                data.remove("chain");
                ((ObjectNode) data.get("leaf_cert")).remove("as_der");
                assertEquals(expected, liteByEntry.get(entryKey(fullUpdate)),
                        "the lite message is not the full one without as_der and chain");
            }
        }
    }

    /** Describes what the lite client lacks: full updates by (log, index), dns_entries by domain list. */
    private static List<String> missingFromLite(StreamClient lite, List<JsonNode> full, List<JsonNode> dns) {
        List<JsonNode> liteUpdates = lite.messages("certificate_update");
        Map<String, JsonNode> liteByEntry = byEntry(liteUpdates);
        Map<JsonNode, Integer> domainLists = new HashMap<>();
        liteUpdates.forEach(m -> domainLists.merge(m.at("/data/leaf_cert/all_domains"), 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        full.stream().map(StreamShapesIT::entryKey).filter(k -> !liteByEntry.containsKey(k)).forEach(missing::add);
        for (JsonNode entry : dns) {
            // A multiset: two certificates with the same names need two lite messages.
            if (domainLists.merge(entry.get("data"), -1, Integer::sum) < 0) {
                missing.add("dns_entries " + entry.get("data"));
            }
        }
        return missing;
    }

    private static Map<String, JsonNode> byEntry(List<JsonNode> updates) {
        Map<String, JsonNode> map = new HashMap<>();
        updates.forEach(m -> map.put(entryKey(m), m));
        return map;
    }

    private static String entryKey(JsonNode update) {
        return update.at("/data/source/url").asText() + "#" + update.at("/data/cert_index").asLong();
    }

    @Test
    void heartbeatsArriveOnEveryStreamOfAQuietServer() {
        List<StreamClient> clients = new ArrayList<>();
        for (String route : List.of("/", "/full-stream", "/domains-only/")) {
            clients.add(StreamClient.connect(DemoServer.wsUrl(quiet, route)));
        }
        try {
            clients.forEach(c -> c.awaitMessages("heartbeat", 2, MESSAGE_DEADLINE));
        } finally {
            clients.forEach(StreamClient::close);
        }
        for (StreamClient client : clients) {
            assertEquals(0, client.binaryFrames(), "binary frames on " + client.url());
            List<JsonNode> messages = client.messages();
            messages.forEach(Shapes::assertHeartbeat);
            assertTrue(messages.size() >= 2, client.url() + " got " + messages);
        }
    }

    @Test
    void jsonRoutesAnswerWithTheContractsShapesAndHeaders() {
        JsonRouteChecks.assertLiveRoutes(DemoServer.baseUrl(live));
    }

    @Test
    void beforeAnyCertificateTheExamplesAnswer503AndLatestIsEmpty() {
        JsonRouteChecks.assertQuietRoutes(DemoServer.baseUrl(quiet));
    }
}
