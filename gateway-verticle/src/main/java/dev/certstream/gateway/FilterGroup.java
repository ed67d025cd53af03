package dev.certstream.gateway;

import dev.certstream.contract.StreamKind;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One gateway instance's clients of one shared filter, by stream: when the index says a certificate matches
 * the filter, each of them gets the same bytes. Lives in its filter entry's slot for this instance; only
 * that instance's event loop touches it.
 */
final class FilterGroup {

    private static final ClientSession[] NONE = new ClientSession[0];

    private final Map<StreamKind, Set<ClientSession>> sessions = new EnumMap<>(StreamKind.class);
    private final Map<StreamKind, ClientSession[]> snapshots = new EnumMap<>(StreamKind.class);
    private int size;

    FilterGroup() {
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

    /** Removes the session; true when the group is then empty. */
    boolean remove(ClientSession session) {
        if (sessions.get(session.kind()).remove(session)) {
            snapshots.put(session.kind(), null);
            size--;
        }
        return size == 0;
    }

    /** Sends the message to every client of the group; counts the sends per stream into {@code sent}. */
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
            sent[kind.ordinal()] += snapshot.length;
        }
    }
}
