package dev.certstream.gateway.resume;

import dev.certstream.contract.BusAddresses;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The other gateways of the deployment, learnt from their {@link BusAddresses#GATEWAY_STATUS} messages: those
 * heard from recently, the one holding the oldest certificates first. A gateway that died is left out once
 * it has been silent for the expiry, or at once when a request to it failed. Thread-safe.
 */
public final class PeerDirectory {

    /** A deployment has a handful of gateways; this only stops a flood of bogus ids from growing the heap. */
    private static final int MAX_PEERS = 1000;

    private final String self;
    private final long expiryMillis;
    private final LongSupplier clock;
    private final Map<String, long[]> peers = new LinkedHashMap<>();

    /** @param self this gateway's id, never a peer of itself */
    public PeerDirectory(String self, long expiryMillis, LongSupplier clock) {
        this.self = self;
        this.expiryMillis = expiryMillis;
        this.clock = clock;
    }

    /** A status message; true when it came from a gateway not known before (it should hear from us soon). */
    public synchronized boolean heard(JsonObject status) {
        String id = status.getString("gateway");
        if (id == null || id.equals(self) || peers.size() >= MAX_PEERS && !peers.containsKey(id)) {
            return false;
        }
        long oldest = status.getLong("replay_oldest_ms", Long.MAX_VALUE);
        return peers.put(id, new long[] {oldest, clock.getAsLong()}) == null;
    }

    /** A peer that did not answer: not asked again until it reports again. */
    public synchronized void failed(String id) {
        peers.remove(id);
    }

    /** The peers heard from lately, the one holding the oldest certificates first. */
    public synchronized List<String> candidates() {
        long now = clock.getAsLong();
        peers.values().removeIf(p -> now - p[1] > expiryMillis);
        List<Map.Entry<String, long[]>> live = new ArrayList<>(peers.entrySet());
        live.sort(Comparator.comparingLong(e -> e.getValue()[0]));
        return live.stream().map(Map.Entry::getKey).toList();
    }

    public static String address(String gatewayId) {
        return BusAddresses.GATEWAY_REPLAY_PREFIX + gatewayId;
    }
}
