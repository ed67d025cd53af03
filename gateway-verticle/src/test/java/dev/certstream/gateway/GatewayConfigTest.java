package dev.certstream.gateway;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GatewayConfig config = GatewayConfig.fromEnv(new EnvReader(Map.of()));
        assertEquals("0.0.0.0", config.host());
        assertEquals(4000, config.port());
        assertEquals(GatewayConfig.defaultInstances(), config.instances());
        assertEquals(Duration.ofSeconds(10), config.heartbeatInterval());
        assertEquals(Duration.ofSeconds(30), config.pingInterval());
        assertEquals(Duration.ofSeconds(90), config.pongTimeout());
        assertEquals(1000, config.queueMessages());
        assertEquals(4 * 1024 * 1024, config.queueBytes());
        assertEquals(64 * 1024, config.socketBufferBytes());
        assertEquals(2_000, config.maxClients());
        assertEquals(4096, config.maxClientFrameBytes());
        assertEquals(Duration.ofSeconds(2), config.brokerTimeout());
        assertEquals(1024, config.maxLogs());
        assertEquals(10, config.statsWorstSockets());
        assertEquals(2000, config.fanoutBacklog());
    }

    @Test
    void readsEveryVariable() {
        GatewayConfig config = GatewayConfig.fromEnv(new EnvReader(Map.ofEntries(
                Map.entry("CERTSTREAM_HOST", "127.0.0.1"), Map.entry("PORT", "8080"),
                Map.entry("CERTSTREAM_GATEWAY_INSTANCES", "3"), Map.entry("CERTSTREAM_HEARTBEAT_INTERVAL", "0"),
                Map.entry("CERTSTREAM_PING_INTERVAL", "5s"), Map.entry("CERTSTREAM_PONG_TIMEOUT", "15s"),
                Map.entry("CERTSTREAM_QUEUE_MESSAGES", "50"), Map.entry("CERTSTREAM_QUEUE_BYTES", "65536"),
                Map.entry("CERTSTREAM_SOCKET_BUFFER_BYTES", "32768"), Map.entry("CERTSTREAM_MAX_CLIENTS", "7"),
                Map.entry("CERTSTREAM_MAX_CLIENT_FRAME_BYTES", "1024"), Map.entry("CERTSTREAM_BROKER_TIMEOUT", "500ms"),
                Map.entry("CERTSTREAM_BROKER_FALLBACK_AGE", "0"),
                Map.entry("CERTSTREAM_MAX_LOGS", "200"), Map.entry("CERTSTREAM_STATS_WORST_SOCKETS", "0"),
                Map.entry("CERTSTREAM_FANOUT_BACKLOG", "500"))));
        assertEquals(new GatewayConfig("127.0.0.1", 8080, 3, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(15),
                50, 65536, 32768, 7, 1024, Duration.ofMillis(500), Duration.ZERO, 200, 0, Duration.ofMillis(10), 1000, 64, 500),
                config);
    }

    @Test
    void aBadValueNamesItsVariable() {
        ConfigException port = assertThrows(ConfigException.class,
                () -> GatewayConfig.fromEnv(new EnvReader(Map.of("PORT", "70000"))));
        assertTrue(port.getMessage().startsWith("PORT"), port.getMessage());
        ConfigException beat = assertThrows(ConfigException.class,
                () -> GatewayConfig.fromEnv(new EnvReader(Map.of("CERTSTREAM_HEARTBEAT_INTERVAL", "soon"))));
        assertTrue(beat.getMessage().startsWith("CERTSTREAM_HEARTBEAT_INTERVAL"), beat.getMessage());
        ConfigException pong = assertThrows(ConfigException.class, () -> GatewayConfig.fromEnv(new EnvReader(
                Map.of("CERTSTREAM_PING_INTERVAL", "30s", "CERTSTREAM_PONG_TIMEOUT", "10s"))));
        assertTrue(pong.getMessage().startsWith("CERTSTREAM_PONG_TIMEOUT"), pong.getMessage());
    }
}
