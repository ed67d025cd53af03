package dev.certstream.broker;

import dev.certstream.node.ConfigException;
import dev.certstream.node.EnvReader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerConfigTest {

    @Test
    void defaultsWhenUnset() {
        assertEquals(BrokerConfig.defaults(), BrokerConfig.fromEnv(new EnvReader(Map.of())));
        assertEquals(25, BrokerConfig.defaults().ringSize());
    }

    @Test
    void readsAndValidates() {
        BrokerConfig config = BrokerConfig.fromEnv(new EnvReader(Map.of("CERTSTREAM_RING_SIZE", "100", "CERTSTREAM_MAX_LOGS", "50")));
        assertEquals(new BrokerConfig(100, 50, BrokerConfig.DEFAULT_MAX_SYNC_BACKLOG), config);
        ConfigException bad = assertThrows(ConfigException.class,
                () -> BrokerConfig.fromEnv(new EnvReader(Map.of("CERTSTREAM_RING_SIZE", "0"))));
        assertTrue(bad.getMessage().contains("CERTSTREAM_RING_SIZE"));
        assertThrows(ConfigException.class, () -> new BrokerConfig(25, 0, 1000));
    }
}
