package dev.certstream.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load tool's command line. */
class LoadOptionsTest {

    @Test
    void parsesEveryOption() {
        LoadOptions o = LoadOptions.parse("--url", "ws://10.0.0.5:8080/full-stream", "--clients", "42",
                "--duration", "1.5s", "--warmup", "250ms", "--paused", "3", "--connect-rate", "77",
                "--event-loops", "3", "--drain", "2m", "--json");
        assertEquals("10.0.0.5", o.url().getHost());
        assertEquals(8080, o.port());
        assertEquals("/full-stream", o.path());
        assertEquals(42, o.clients());
        assertEquals(Duration.ofMillis(1500), o.duration());
        assertEquals(Duration.ofMillis(250), o.warmup());
        assertEquals(3, o.paused());
        assertEquals(77, o.connectRate());
        assertEquals(3, o.eventLoops());
        assertEquals(Duration.ofMinutes(2), o.drain());
        assertTrue(o.json());
    }

    @Test
    void defaultsMatchTheUsage() {
        LoadOptions o = LoadOptions.parse();
        assertEquals("ws://127.0.0.1:4000/", o.url().toString());
        assertEquals(500, o.clients());
        assertEquals(Duration.ofSeconds(30), o.duration());
        assertEquals(Duration.ofSeconds(5), o.warmup());
        assertEquals(0, o.paused());
        assertEquals("/", LoadOptions.parse("--url", "ws://h:1").path());
        assertEquals(80, LoadOptions.parse("--url", "ws://h/").port());
        assertNull(LoadOptions.parse("--clients", "3", "--help"));
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        String[][] bad = {{"--clients", "0"}, {"--clients", "x"}, {"--paused", "600"}, {"--url", "http://h/"},
                {"--url", "wss://h/"}, {"--duration", "0s"}, {"--duration", "soon"}, {"--bogus", "1"}, {"--clients"}};
        for (String[] args : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(args));
            assertTrue(e.getMessage().contains(args[0]), e.getMessage());
        }
    }
}
