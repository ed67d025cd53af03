package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Clients of one gateway instance that get the same certificates, by stream: the unfiltered clients, the
 * clients of one shared filter (kept in its filter entry's slot for this instance), or a group of the unique
 * lane. Each of them gets the same bytes. The fan-out iterates arrays rebuilt after a change, so a close during
 * a send cannot disturb it. Only the instance's event loop touches it.
 */
final class SessionSet {

    private static final ClientSession[] NONE = new ClientSession[0];

    private final Map<StreamKind, Set<ClientSession>> sessions = new EnumMap<>(StreamKind.class);
    private final Map<StreamKind, ClientSession[]> snapshots = new EnumMap<>(StreamKind.class);
    private int size;

    SessionSet() {
        for (StreamKind kind : StreamKind.values()) {
            sessions.put(kind, new LinkedHashSet<>());
            snapshots.put(kind, NONE);
        }
    }

    void add(ClientSession session) {
        if (sessions.get(session.kind()).add(session)) {
            snapshots.put(session.kind(), null);
            size++;
        }
    }

    /** Removes the session; true when the set is then empty. */
    boolean remove(ClientSession session) {
        if (sessions.get(session.kind()).remove(session)) {
            snapshots.put(session.kind(), null);
            size--;
        }
        return size == 0;
    }

    int size() {
        return size;
    }

    void send(Outgoing message) {
        send(message, null);
    }

    /** Sends the message to every client of the set; counts the sends per stream into {@code sent} (when not null). */
    void send(Outgoing message, long[] sent) {
        for (StreamKind kind : StreamKind.values()) {
            ClientSession[] snapshot = snapshots.get(kind);
            if (snapshot == null) {
                snapshot = sessions.get(kind).toArray(NONE);
                snapshots.put(kind, snapshot);
            }
            for (ClientSession session : snapshot) {
                session.send(message);
            }
            if (sent != null) {
                sent[kind.ordinal()] += snapshot.length;
            }
        }
    }
}
