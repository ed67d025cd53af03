package dev.certstream.systest;

import dev.certstream.systest.check.FilterReference;

import dev.certstream.systest.client.Http;
import dev.certstream.systest.client.JsonLines;
import dev.certstream.systest.client.SseStreamClient;
import dev.certstream.systest.client.StreamClient;

import dev.certstream.systest.process.DemoServer;
import dev.certstream.systest.process.NodeScript;
import dev.certstream.systest.process.RepoPaths;
import dev.certstream.systest.process.ServerProcess;
import dev.certstream.systest.process.SystemDeps;

import dev.certstream.testing.Wait;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server-side filters end to end against the demo server: for each filter kind and for combinations, every
 * kind of client (plain websockets on the three streams, SSE over the JDK's HTTP client, CaliDog's npm
 * client, an EventSource in headless Chromium) receives exactly the certificates of the unfiltered stream
 * that match, per the README's semantics: none missing, none extra, the same order per log.
 */
class FilterExactnessIT {

    private static final int WINDOW_CERTIFICATES = 400;
    private static final Duration CATCH_UP = Duration.ofMinutes(2);

    /** One filtered client: what it subscribed to and how to read what it got as (log/index) keys. */
    private record Client(String name, FilterReference filter, Supplier<List<String>> keys) {
    }

    @Test
    void everyClientGetsExactlyTheMatchingCertificatesInOrder() throws Exception {
        SystemDeps.requireNode();
        SystemDeps.requireChromium();
        try (ServerProcess server = DemoServer.start("filter-exactness-server", Map.of())) {
            DemoServer.awaitCertificates(server, 1);
            List<JsonNode> sample = sample(server);
            List<FilterReference> filters = filters(sample);
            Path dir = Files.createDirectories(RepoPaths.target().resolve("filter-exactness"));
            Path stop = dir.resolve("stop");
            Files.deleteIfExists(stop);
            Map<String, String> keyOfDomains = new HashMap<>();
            List<Client> clients = new ArrayList<>();
            List<AutoCloseable> closers = new ArrayList<>();
            List<NodeScript.Running> scripts = new ArrayList<>();
            for (FilterReference f : filters) {
                StreamClient lite = StreamClient.connect(DemoServer.wsUrl(server, "/?" + f.query()));
                closers.add(lite);
                clients.add(new Client("websocket / " + f.query(), f, () -> keys(lite.messages("certificate_update"))));
            }
            for (int i : new int[] {0, 6}) {
                StreamClient full = StreamClient.connect(DemoServer.wsUrl(server, "/full-stream?" + filters.get(i).query()));
                closers.add(full);
                clients.add(new Client("websocket /full-stream " + filters.get(i).query(), filters.get(i),
                        () -> keys(full.messages("certificate_update"))));
            }
            for (int i : new int[] {1, 3}) {
                StreamClient domains = StreamClient.connect(DemoServer.wsUrl(server, "/domains-only?" + filters.get(i).query()));
                closers.add(domains);
                clients.add(new Client("websocket /domains-only " + filters.get(i).query(), filters.get(i),
                        () -> domainKeys(domains.messages("dns_entries"), keyOfDomains)));
            }
            for (int i : new int[] {2, 5}) {
                SseStreamClient sse = SseStreamClient.open(DemoServer.baseUrl(server) + "/events?stream=lite&" + filters.get(i).query());
                closers.add(sse);
                assertEquals(200, sse.status());
                clients.add(new Client("SSE lite " + filters.get(i).query(), filters.get(i),
                        () -> keys(sse.events().stream().map(e -> JsonLines.parse(e.data())).toList())));
            }
            for (int i : new int[] {0, 6}) {
                Path out = dir.resolve("npm-" + i + ".jsonl");
                scripts.add(NodeScript.start("filter-npm-client-" + i, "filter-client.js",
                        DemoServer.wsUrl(server, "/?" + filters.get(i).query()), out.toString(), stop.toString(), "600000"));
                clients.add(new Client("npm certstream " + filters.get(i).query(), filters.get(i),
                        () -> keys(jsonLines(out).stream().filter(m -> m.path("message_type").asText().equals("certificate_update")).toList())));
            }
            for (int i : new int[] {1, 4}) {
                Path out = dir.resolve("event-source-" + i + ".jsonl");
                scripts.add(NodeScript.start("filter-event-source-" + i, "event-source.js", DemoServer.baseUrl(server),
                        "/events?stream=domains&" + filters.get(i).query(), out.toString(), stop.toString(), "600000"));
                clients.add(new Client("Chromium EventSource domains " + filters.get(i).query(), filters.get(i),
                        () -> domainKeys(jsonLines(out).stream().map(e -> JsonLines.parse(e.path("data").asText())).toList(),
                                keyOfDomains)));
            }
            int filtered = clients.size();
            Wait.until(filtered + " filtered clients connected", Duration.ofMinutes(2), () -> filteredClients(server) == filtered);

            StreamClient everything = StreamClient.connect(DemoServer.wsUrl(server, "/"));
            everything.awaitMessages("certificate_update", WINDOW_CERTIFICATES, Duration.ofMinutes(3));
            everything.close();
            List<JsonNode> unfiltered = everything.messages("certificate_update");
            unfiltered.forEach(m -> keyOfDomains.put(m.at("/data/leaf_cert/all_domains").toString(), key(m)));
            Map<String, long[]> window = window(unfiltered);

            int nonEmpty = 0;
            for (Client client : clients) {
                List<String> expected = unfiltered.stream().filter(client.filter()::matches).map(FilterExactnessIT::key).toList();
                nonEmpty += expected.isEmpty() ? 0 : 1;
                Wait.until(client.name() + " got its " + expected.size() + " certificates", CATCH_UP,
                        () -> client.keys().get().containsAll(expected));
                List<String> got = client.keys().get().stream().filter(k -> inWindow(k, window)).toList();
                assertEquals(byLog(expected), byLog(got), client.name() + ": the matching certificates of the window, per log, in order");
            }
            Files.writeString(stop, "stop");
            for (NodeScript.Running script : scripts) {
                NodeScript.Outcome outcome = script.finish(Duration.ofMinutes(1));
                assertEquals(0, outcome.exitCode(), script.name() + ": " + outcome.describe());
            }
            assertTrue(nonEmpty >= clients.size() - 4, "most filters select something in the window: " + nonEmpty);
            for (AutoCloseable c : closers) {
                c.close();
            }
        }
    }

    private static List<JsonNode> sample(ServerProcess server) {
        try (StreamClient probe = StreamClient.connect(DemoServer.wsUrl(server, "/"))) {
            probe.awaitMessages("certificate_update", 40, Duration.ofMinutes(2));
            return probe.messages("certificate_update");
        }
    }

    /** One filter per kind, and combinations, with values taken from what the demo really sends. */
    private static List<FilterReference> filters(List<JsonNode> sample) {
        JsonNode first = sample.get(0).path("data");
        String issuerCn = first.at("/leaf_cert/issuer/CN").asText();
        String issuerO = sample.stream().map(m -> m.at("/data/leaf_cert/issuer/O").asText("")).filter(o -> !o.isEmpty())
                .findFirst().orElse(issuerCn);
        String log = first.at("/source/url").asText();
        String otherLog = sample.stream().map(m -> m.at("/data/source/url").asText()).filter(u -> !u.equals(log))
                .findFirst().orElse(log);
        String operator = first.at("/source/operator").asText();
        List<String> names = new ArrayList<>();
        sample.get(1).at("/data/leaf_cert/all_domains").forEach(d -> names.add(d.asText()));
        return List.of(
                ref("keyword", List.of("pay", "login")),
                ref("domain", List.of("*.de", ".co.uk")),
                ref("regex", List.of("^(www|api)\\.[a-z]+[0-9]*-")),
                ref("issuer", List.of(issuerCn)),
                ref("log", List.of(log)),
                ref("log", List.of(operator), "type", List.of("precert")),
                ref("keyword", List.of("shop", "mail"), "type", List.of("x509"), "issuer", List.of(issuerO)),
                ref("domain", names.subList(0, Math.min(2, names.size()))),
                ref("domain", List.of("*.com"), "keyword", List.of("cloud"), "log", List.of(otherLog)));
    }

    private static FilterReference ref(Object... nameValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) nameValues[i + 1];
            params.put((String) nameValues[i], values);
        }
        return new FilterReference(params);
    }

    /** A certificate as the SSE id names it: log URL without trailing slash, '/', index. */
    static String key(JsonNode update) {
        return update.at("/data/source/url").asText().replaceAll("/+$", "") + "/" + update.at("/data/cert_index").asLong();
    }

    private static List<String> keys(List<JsonNode> updates) {
        return updates.stream().map(FilterExactnessIT::key).toList();
    }

    /** dns_entries messages carry no index: they are known by their names (each carries a unique token). */
    private static List<String> domainKeys(List<JsonNode> messages, Map<String, String> keyOfDomains) {
        return messages.stream().map(m -> keyOfDomains.getOrDefault(m.path("data").toString(), "outside/-1")).toList();
    }

    private static Map<String, long[]> window(List<JsonNode> unfiltered) {
        Map<String, long[]> window = new HashMap<>();
        for (String k : keys(unfiltered)) {
            int slash = k.lastIndexOf('/');
            long index = Long.parseLong(k.substring(slash + 1));
            window.merge(k.substring(0, slash), new long[] {index, index},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
        return window;
    }

    private static boolean inWindow(String key, Map<String, long[]> window) {
        int slash = key.lastIndexOf('/');
        long[] range = window.get(key.substring(0, slash));
        long index = Long.parseLong(key.substring(slash + 1));
        return range != null && index >= range[0] && index <= range[1];
    }

    private static Map<String, List<String>> byLog(List<String> keys) {
        Map<String, List<String>> byLog = new LinkedHashMap<>();
        keys.forEach(k -> byLog.computeIfAbsent(k.substring(0, k.lastIndexOf('/')), x -> new ArrayList<>()).add(k));
        return new java.util.TreeMap<>(byLog);
    }

    private static int filteredClients(ServerProcess server) {
        JsonNode byStream = Http.get(DemoServer.baseUrl(server) + "/stats").json().at("/filters/filtered_clients");
        int total = 0;
        for (JsonNode n : byStream) {
            total += n.asInt();
        }
        return total;
    }

    private static List<JsonNode> jsonLines(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && line.endsWith("}")) {
                    out.add(Http.JSON.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
