package dev.certstream.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source scan finds what the deployables really read, so the env and port checks rest on facts. */
class ConfigSourcesTest {

    private final ConfigSources sources = new ConfigSources(RepoRoot.get());

    @Test
    void findsEachRolesVariablesAndOnlyThose() {
        Set<String> gateway = sources.variablesReadBy("gateway");
        assertTrue(gateway.containsAll(Set.of("PORT", "CERTSTREAM_MAX_CLIENTS", "CERTSTREAM_QUEUE_BYTES",
                "CERTSTREAM_HEARTBEAT_INTERVAL", "CERTSTREAM_LOG_LEVEL", "JAVA_OPTS")), gateway.toString());
        assertFalse(gateway.contains("CERTSTREAM_RING_SIZE"), "the ring is the broker's");
        Set<String> watcher = sources.variablesReadBy("watcher");
        assertTrue(watcher.containsAll(Set.of("CERTSTREAM_DATA_DIR", "CERTSTREAM_LOG_LIST_URL")), watcher.toString());
        assertFalse(watcher.contains("PORT"), "the watcher has no public port");
        assertTrue(sources.variablesReadBy("broker").contains("CERTSTREAM_RING_SIZE"));
        assertThrows(IllegalArgumentException.class, () -> sources.variablesReadBy("simulator"));
    }

    @Test
    void portDefaultsInTheSourcesAgreeWithTheInterface() {
        Map<String, Integer> scanned = sources.scannedDefaults();
        assertEquals(4000, scanned.get("PORT"), "GatewayConfig's PORT default: " + scanned);
        scanned.forEach((variable, value) ->
                assertEquals(ConfigSources.INTERFACE_PORT_DEFAULTS.get(variable), value, variable));
    }

    /** The probes ask /health and /ready; each role's code (or the node runtime it uses) must serve them. */
    @Test
    void everyRoleServesTheProbedRoutes() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String role : ConfigSources.ROLES) {
            String code = mainSources(RepoRoot.get().resolve(role + "-verticle")) + mainSources(RepoRoot.get().resolve("node-runtime"));
            for (String route : List.of("\"/health\"", "\"/ready\"")) {
                if (!code.contains(route)) {
                    missing.add(role + " " + route);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    private static String mainSources(Path module) throws IOException {
        Path dir = module.resolve("src/main/java");
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
