package dev.certstream.node;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvReaderTest {

    private final EnvReader env = new EnvReader(Map.of(
            "N", "42", "BAD", "4x2", "D1", "500ms", "D2", "7", "D3", "2h", "B", "Yes", "L", " a, ,b ",
            "U", "ftp://x", "BLANK", "  ", "C", "Pending"));

    @Test
    void readsTypedValuesAndDefaults() {
        assertEquals(42, env.integer("N", 1, 0, 100));
        assertEquals(1, env.integer("MISSING", 1, 0, 100));
        assertEquals(1, env.integer("BLANK", 1, 0, 100));
        assertEquals(Duration.ofMillis(500), env.duration("D1", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)));
        assertEquals(Duration.ofSeconds(7), env.duration("D2", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)));
        assertEquals(Duration.ofHours(2), env.duration("D3", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)));
        assertTrue(env.bool("B", false));
        assertFalse(env.bool("MISSING", false));
        assertEquals(List.of("a", "b"), env.list("L", List.of()));
        assertEquals("pending", env.choice("C", "x", "pending", "none"));
    }

    @Test
    void namesTheVariableInEveryError() {
        assertTrue(assertThrows(ConfigException.class, () -> env.integer("BAD", 1, 0, 9)).getMessage().startsWith("BAD:"));
        assertTrue(assertThrows(ConfigException.class, () -> env.integer("N", 1, 0, 9)).getMessage().contains("between"));
        assertThrows(ConfigException.class, () -> env.duration("BAD", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)));
        assertThrows(ConfigException.class, () -> env.duration("D3", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)));
        assertThrows(ConfigException.class, () -> env.bool("N", false));
        assertTrue(assertThrows(ConfigException.class, () -> env.url("U", "http://x")).getMessage().startsWith("U:"));
        assertThrows(ConfigException.class, () -> env.choice("N", "x", "a", "b"));
    }
}
