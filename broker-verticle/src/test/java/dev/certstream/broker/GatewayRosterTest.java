package dev.certstream.broker;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GatewayRosterTest {

    @Test
    void sumsRecentGatewaysAndForgetsSilentOnes() {
        GatewayRoster roster = new GatewayRoster(15_000);
        roster.onStatus(new JsonObject().put("gateway", "a").put("current_users", 3).put("dropped_messages", 7), 1_000);
        roster.onStatus(new JsonObject().put("gateway", "b").put("current_users", 4), 10_000);
        roster.onStatus(new JsonObject().put("gateway", "a").put("current_users", 5).put("dropped_messages", 9), 12_000);
        roster.onStatus(new JsonObject().put("current_users", 100), 12_000); // no id: ignored
        assertEquals(new JsonObject().put("count", 2L).put("current_users", 9L).put("dropped_messages", 9L), roster.json(20_000));
        assertEquals(new JsonObject().put("count", 1L).put("current_users", 5L).put("dropped_messages", 9L), roster.json(26_000),
                "b was last heard 16 s ago");
    }
}
