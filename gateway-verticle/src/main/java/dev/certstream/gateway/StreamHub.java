package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.filter.FilterEntry;
import io.vertx.core.buffer.Buffer;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One gateway instance's clients and the fan-out to them: unfiltered clients of a stream get every
 * envelope's ready buffer as it is; filtered clients sit in one {@link FilterGroup} per shared filter and
 * get it when the index matched their filter. Only the instance's event loop calls it.
 */
final class StreamHub {

    private static final ClientSession[] NONE = new ClientSession[0];

    private final int instance;
    private final GatewayConfig config;
    private final ClientRegistry registry;
    private final GatewayMetrics metrics;
    private final Map<StreamKind, Set<ClientSession>> unfiltered = new EnumMap<>(StreamKind.class);
    /** Arrays iterated by the fan-out, rebuilt after a change, so a close during a send cannot disturb it. */
    private final Map<StreamKind, ClientSession[]> snapshots = new EnumMap<>(StreamKind.class);
    private final Set<ClientSession> all = new LinkedHashSet<>();
    private ClientSession[] allSnapshot = NONE;
    private int filtered;
    private final long[] filteredSent = new long[StreamKind.values().length];

    StreamHub(int instance, GatewayConfig config, ClientRegistry registry, GatewayMetrics metrics) {
        this.instance = instance;
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        for (StreamKind kind : StreamKind.values()) {
            unfiltered.put(kind, new LinkedHashSet<>());
            snapshots.put(kind, NONE);
        }
    }

    /**
     * Takes over a connection whose client slot and filter the route already reserved; false (nothing
     * kept, nothing released) when the client closed it before we could set it up.
     */
    boolean attach(ClientTransport transport, Subscription subscription) {
        ClientSession session = new ClientSession(transport, subscription, config, registry, metrics);
        try {
            transport.bind(session, () -> detach(session));
        } catch (IllegalStateException closedAlready) {
            return false;
        }
        FilterEntry filter = subscription.filter();
        if (filter == null) {
            unfiltered.get(subscription.kind()).add(session);
            snapshots.put(subscription.kind(), null);
        } else {
            FilterGroup group = (FilterGroup) filter.local(instance);
            if (group == null) {
                group = new FilterGroup();
                filter.local(instance, group);
            }
            group.add(session);
            filtered++;
        }
        all.add(session);
        allSnapshot = null;
        registry.opened(session);
        return true;
    }

    /**
     * {@link #attach}, or, when the connection is gone already (or {@code transport} is null: the upgrade
     * failed), gives back the subscription and the client slot the route reserved.
     */
    void attachOrRelease(ClientTransport transport, Subscription subscription) {
        if (transport == null || !attach(transport, subscription)) {
            subscription.release();
            registry.cancelAdmission();
        }
    }

    private void detach(ClientSession session) {
        session.onClosed();
        if (!all.remove(session)) {
            return;
        }
        allSnapshot = null;
        FilterEntry filter = session.subscription().filter();
        if (filter == null) {
            unfiltered.get(session.kind()).remove(session);
            snapshots.put(session.kind(), null);
        } else {
            filtered--;
            if (((FilterGroup) filter.local(instance)).remove(session)) {
                filter.local(instance, null);
            }
        }
        session.subscription().release();
        registry.closed(session);
    }

    /** Whether any client of this instance is filtered, so certificates need matching here. */
    boolean hasFiltered() {
        return filtered > 0;
    }

    /** Sends a certificate to every unfiltered client of each stream and to the clients of the matched filters. */
    void broadcast(CertificateEnvelope envelope, FilterEntry[] matches) {
        Outgoing message = new Outgoing.Certificate(envelope);
        for (StreamKind kind : StreamKind.values()) {
            for (ClientSession session : snapshot(kind)) {
                session.send(message);
            }
        }
        for (FilterEntry match : matches) {
            if (match.local(instance) instanceof FilterGroup group) {
                group.send(message, filteredSent);
            }
        }
    }

    /** Hands the filtered sends counted since the last call to the metrics (once per fan-out, not per send). */
    void countFilteredSends() {
        for (StreamKind kind : StreamKind.values()) {
            if (filteredSent[kind.ordinal()] > 0) {
                metrics.filteredSent(kind, filteredSent[kind.ordinal()]);
                filteredSent[kind.ordinal()] = 0;
            }
        }
    }

    /**
     * Counts a certificate the gateway could not keep up with as dropped for every client of this instance,
     * without writing anything (the instance is too far behind to send it in time). Filtered clients count
     * too: a shed certificate is never matched, so whether it was theirs is unknown, and an over-count is
     * the safe side for a client judging its losses.
     */
    void shed() {
        int[] perKind = new int[StreamKind.values().length];
        for (ClientSession session : allSessions()) {
            session.shed();
            perKind[session.kind().ordinal()]++;
        }
        for (StreamKind kind : StreamKind.values()) {
            if (perKind[kind.ordinal()] > 0) {
                registry.dropped(kind, perKind[kind.ordinal()]);
                metrics.dropped(kind, perKind[kind.ordinal()]);
            }
        }
    }

    /** Sends one heartbeat message, built once, to every websocket client of every stream. */
    void heartbeat(long nowMillis) {
        Buffer json = Buffer.buffer("{\"message_type\":\"heartbeat\",\"timestamp\":"
                + BigDecimal.valueOf(nowMillis, 3).toPlainString() + "}");
        sendAll(new Outgoing.Fixed(json, null));
    }

    /** Sends one heartbeat comment to every SSE client. */
    void sseHeartbeat(long nowMillis) {
        sendAll(new Outgoing.Fixed(null, SseEvents.heartbeat(nowMillis)));
    }

    private void sendAll(Outgoing message) {
        for (ClientSession session : allSessions()) {
            session.send(message);
        }
    }

    /** Pings every client and closes those that stopped answering. */
    void pingOrExpireAll() {
        long now = System.nanoTime();
        long timeout = config.pongTimeout().toNanos();
        for (ClientSession session : allSessions()) {
            session.pingOrExpire(now, timeout);
        }
    }

    /** Closes every client (undeploy). */
    void closeAll(short code, String reason) {
        for (ClientSession session : allSessions()) {
            session.close(code, reason);
        }
    }

    int size() {
        return all.size();
    }

    private ClientSession[] allSessions() {
        if (allSnapshot == null) {
            allSnapshot = all.toArray(NONE);
        }
        return allSnapshot;
    }

    private ClientSession[] snapshot(StreamKind kind) {
        ClientSession[] snapshot = snapshots.get(kind);
        if (snapshot == null) {
            snapshot = unfiltered.get(kind).toArray(NONE);
            snapshots.put(kind, snapshot);
        }
        return snapshot;
    }
}
