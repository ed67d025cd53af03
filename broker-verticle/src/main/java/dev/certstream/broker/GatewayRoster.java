package dev.certstream.broker;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateways that reported recently and their client counts, so that {@code /stats} on any gateway
 * can give the deployment's totals; a gateway silent for longer than the expiry no longer counts.
 */
final class GatewayRoster {

    /** A deployment has a handful of gateways; this only stops a flood of bogus ids from growing the heap. */
    private static final int MAX_GATEWAYS = 1000;

    private final long expiryMs;
    private final Map<String, long[]> figures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_GATEWAYS;
        }
    };

    GatewayRoster(long expiryMs) {
        this.expiryMs = expiryMs;
    }

    void onStatus(JsonObject status, long nowMs) {
        String id = status.getString("gateway");
        if (id != null) {
            figures.put(id, new long[]{status.getLong("current_users", 0L), status.getLong("dropped_messages", 0L), nowMs});
        }
    }

    /** {@code {"count", "current_users", "dropped_messages"}} over the gateways heard from recently. */
    JsonObject json(long nowMs) {
        long count = 0;
        long users = 0;
        long dropped = 0;
        for (long[] f : figures.values()) {
            if (nowMs - f[2] <= expiryMs) {
                count++;
                users += f[0];
                dropped += f[1];
            }
        }
        return new JsonObject().put("count", count).put("current_users", users).put("dropped_messages", dropped);
    }
}
