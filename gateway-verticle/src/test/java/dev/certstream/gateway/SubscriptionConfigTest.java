package dev.certstream.gateway;

import dev.certstream.gateway.access.Cidr;
import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter, per-client and SSE settings: documented defaults, every variable read, bad values named. */
class SubscriptionConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SubscriptionConfig c = GatewayConfig.defaults().subscriptions();
        assertEquals(8192, c.filters().maxQueryBytes());
        assertEquals(500, c.filters().maxTerms());
        assertEquals(44_938, c.filters().maxPatterns());
        assertEquals(24L << 20, c.filters().maxIndexBytes());
        assertEquals(100, c.clients().maxStreams());
        assertEquals(300, c.clients().streamsPerMinute());
        assertEquals(List.of(), c.clients().trustedProxies());
        assertNull(c.clients().tokensFile());
        assertEquals(Duration.ofSeconds(10), c.clients().headerTimeout());
        assertEquals(Duration.ofSeconds(15), c.sse().heartbeatInterval());
    }

    @Test
    void everyVariableIsRead() {
        SubscriptionConfig c = GatewayConfig.fromEnv(new EnvReader(Map.ofEntries(
                Map.entry("CERTSTREAM_FILTER_MAX_TERMS", "50"), Map.entry("CERTSTREAM_FILTER_MAX_REGEXES", "3"),
                Map.entry("CERTSTREAM_FILTER_MAX_SCAN_REGEXES", "0"), Map.entry("CERTSTREAM_CLIENT_MAX_STREAMS", "7"),
                Map.entry("CERTSTREAM_TRUSTED_PROXIES", "10.0.0.0/8, ::1"), Map.entry("CERTSTREAM_TOKENS_FILE", "/run/tokens"),
                Map.entry("CERTSTREAM_TOKENS_REQUIRED", "true"), Map.entry("CERTSTREAM_HEADER_TIMEOUT", "3s"),
                Map.entry("CERTSTREAM_SSE_HEARTBEAT", "1s"), Map.entry("CERTSTREAM_SSE_RETRY", "500ms")))).subscriptions();
        assertEquals(50, c.filters().maxTerms());
        assertEquals(3, c.filters().maxRegexes());
        assertEquals(0, c.filters().maxScanRegexes());
        assertEquals(7, c.clients().maxStreams());
        assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1")), c.clients().trustedProxies());
        assertEquals(Path.of("/run/tokens"), c.clients().tokensFile());
        assertTrue(c.clients().tokensRequired());
        assertEquals(Duration.ofSeconds(3), c.clients().headerTimeout());
        assertEquals(Duration.ofMillis(500), c.sse().retry());
    }

    @Test
    void badValuesNameTheirVariable() {
        for (Map<String, String> env : List.of(Map.of("CERTSTREAM_TRUSTED_PROXIES", "proxy.example.com"),
                Map.of("CERTSTREAM_TOKENS_REQUIRED", "true"), Map.of("CERTSTREAM_FILTER_MAX_TERMS", "0"),
                Map.of("CERTSTREAM_HEADER_TIMEOUT", "soon"))) {
            ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfig.fromEnv(new EnvReader(env)));
            String variable = env.keySet().iterator().next();
            assertTrue(e.getMessage().contains(variable), e.getMessage());
        }
    }
}
