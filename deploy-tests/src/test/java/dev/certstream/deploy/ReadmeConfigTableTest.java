package dev.certstream.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's configuration table and the config records cannot drift apart: every variable a record
 * reads is in the table with the code's default, and every variable in the table is read somewhere.
 */
class ReadmeConfigTableTest {

    private final Map<String, Set<String>> code = ConfigDefaults.scan(RepoRoot.get());

    private String readme() throws IOException {
        return Files.readString(RepoRoot.get().resolve("README.md"));
    }

    @Test
    void theTableListsEveryVariableWithTheCodesDefault() throws IOException {
        assertTrue(code.keySet().containsAll(Set.of("PORT", "CERTSTREAM_HEALTH_PORT", "CERTSTREAM_FANOUT_LINGER",
                "CERTSTREAM_LOG_LEVEL", "CERTSTREAM_DEMO_SEED", "CERTSTREAM_BATCH_SIZE")), "the scan finds every record: " + code);
        assertEquals(List.of(), ReadmeConfigTable.drift(ReadmeConfigTable.parse(readme()), code));
    }

    @Test
    void theScanReadsDefaultsAsTheReadmeWritesThem() {
        assertEquals(Set.of("4000"), code.get("PORT"));
        assertEquals(Set.of("1s"), code.get("CERTSTREAM_POLL_INTERVAL"), "the demo's raw read adds no default");
        assertEquals(Set.of("33554432"), code.get("CERTSTREAM_MAX_RESPONSE_BYTES"));
        assertEquals(Set.of("CPUs"), code.get("CERTSTREAM_GATEWAY_INSTANCES"));
        assertEquals(Set.of("1024"), code.get("CERTSTREAM_MAX_LOGS"), "broker and gateway agree");
        assertEquals(Set.of(), code.get("CERTSTREAM_CLUSTER_DNS"));
        assertEquals(Set.of("INFO"), code.get("CERTSTREAM_LOG_LEVEL"));
        assertEquals(Set.of("—"), code.get("CERTSTREAM_CUSTOM_LOGS"));
    }

    /** The check fails on a broken copy: a row removed, a default changed, a row nobody reads. */
    @Test
    void aDriftedTableIsCaught() throws IOException {
        String readme = readme();
        String missing = readme.replaceAll("(?m)^\\| `CERTSTREAM_FANOUT_BATCH` .*\\n", "");
        assertEquals(List.of("CERTSTREAM_FANOUT_BATCH is read (default [1000]) but missing from the README table"),
                ReadmeConfigTable.drift(ReadmeConfigTable.parse(missing), code));
        String wrongDefault = readme.replace("| `CERTSTREAM_RING_SIZE` | `25` |", "| `CERTSTREAM_RING_SIZE` | `30` |");
        assertEquals(List.of("CERTSTREAM_RING_SIZE: the README says '30', the code's default is '25'"),
                ReadmeConfigTable.drift(ReadmeConfigTable.parse(wrongDefault), code));
        String unread = readme.replace("| **broker** | | |", "| `CERTSTREAM_NOBODY` | `1` | read by no one |\n| **broker** | | |");
        assertEquals(List.of("CERTSTREAM_NOBODY is in the README table but no config record reads it"),
                ReadmeConfigTable.drift(ReadmeConfigTable.parse(unread), code));
    }
}
