package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One gateway instance's sockets, by stream, and the fan-out to them: the envelope's ready buffer goes to
 * every socket of its stream as it is. Only the instance's event loop calls it.
 */
final class StreamHub {

    private static final ClientSession[] NONE = new ClientSession[0];

    private final GatewayConfig config;
    private final ClientRegistry registry;
    private final GatewayMetrics metrics;
    private final Map<StreamKind, Set<ClientSession>> sessions = new EnumMap<>(StreamKind.class);
    /** Arrays iterated by the fan-out, rebuilt after a change, so a close during a send cannot disturb it. */
    private final Map<StreamKind, ClientSession[]> snapshots = new EnumMap<>(StreamKind.class);

    StreamHub(GatewayConfig config, ClientRegistry registry, GatewayMetrics metrics) {
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        for (StreamKind kind : StreamKind.values()) {
            sessions.put(kind, new LinkedHashSet<>());
            snapshots.put(kind, NONE);
        }
    }

    /**
     * Takes over an upgraded socket whose slot {@link ClientRegistry#tryAdmit()} already reserved; false
     * (and nothing kept) when the client closed it before we could set it up.
     */
    boolean attach(ServerWebSocket socket, StreamKind kind) {
        ClientSession session;
        try {
            session = new ClientSession(socket, kind, config, registry, metrics);
            socket.closeHandler(v -> detach(session));
        } catch (IllegalStateException closedAlready) {
            return false;
        }
        sessions.get(kind).add(session);
        snapshots.put(kind, null);
        registry.opened(session);
        return true;
    }

    private void detach(ClientSession session) {
        session.onClosed();
        if (sessions.get(session.kind()).remove(session)) {
            snapshots.put(session.kind(), null);
            registry.closed(session);
        }
    }

    void broadcast(CertificateEnvelope envelope) {
        for (StreamKind kind : StreamKind.values()) {
            Buffer message = envelope.rendering(kind);
            for (ClientSession session : snapshot(kind)) {
                session.send(message);
            }
        }
    }

    /**
     * Counts a certificate the gateway could not keep up with as dropped for every socket of every
     * stream, without writing anything (the instance is too far behind to send it in time).
     */
    void shed() {
        for (StreamKind kind : StreamKind.values()) {
            ClientSession[] sockets = snapshot(kind);
            for (ClientSession session : sockets) {
                session.shed();
            }
            if (sockets.length > 0) {
                registry.dropped(kind, sockets.length);
                metrics.dropped(kind, sockets.length);
            }
        }
    }

    /** Sends one heartbeat message, built once, to every socket of every stream. */
    void heartbeat(long nowMillis) {
        Buffer message = Buffer.buffer("{\"message_type\":\"heartbeat\",\"timestamp\":"
                + BigDecimal.valueOf(nowMillis, 3).toPlainString() + "}");
        for (StreamKind kind : StreamKind.values()) {
            for (ClientSession session : snapshot(kind)) {
                session.send(message);
            }
        }
    }

    /** Pings every socket and closes those that stopped answering. */
    void pingOrExpireAll() {
        long now = System.nanoTime();
        long timeout = config.pongTimeout().toNanos();
        for (StreamKind kind : StreamKind.values()) {
            for (ClientSession session : snapshot(kind)) {
                session.pingOrExpire(now, timeout);
            }
        }
    }

    /** Closes every socket (undeploy). */
    void closeAll(short code, String reason) {
        for (StreamKind kind : StreamKind.values()) {
            for (ClientSession session : snapshot(kind)) {
                session.close(code, reason);
            }
        }
    }

    int size() {
        return sessions.values().stream().mapToInt(Set::size).sum();
    }

    private ClientSession[] snapshot(StreamKind kind) {
        ClientSession[] snapshot = snapshots.get(kind);
        if (snapshot == null) {
            snapshot = sessions.get(kind).toArray(NONE);
            snapshots.put(kind, snapshot);
        }
        return snapshot;
    }
}
