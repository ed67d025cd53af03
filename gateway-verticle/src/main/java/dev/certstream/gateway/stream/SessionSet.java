package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Clients of one gateway instance that get the same certificates, by stream: the unfiltered clients, the
 * clients of one shared filter (kept in its filter entry's slot for this instance), or a group of the unique
 * lane. Each of them gets the same bytes. The fan-out iterates arrays rebuilt after a change, so a close during
 * a send cannot disturb it. While a {@link FanOutBatch} is open, certificates for its plain websocket clients
 * are kept back and written to each of them in one run when the batch ends. Only the instance's event loop
 * touches it.
 */
final class SessionSet {

    private static final ClientSession[] NONE = new ClientSession[0];

    private final Map<StreamKind, Set<ClientSession>> sessions = new EnumMap<>(StreamKind.class);
    private final Map<StreamKind, ClientSession[]> snapshots = new EnumMap<>(StreamKind.class);
    private int size;
    /** The batch its sends join, or null: this set always writes at once (the unique lane's groups). */
    private final FanOutBatch batch;
    /** Per stream, the certificates kept back for the open batch. */
    private final List<List<Outgoing.Certificate>> deferred = new ArrayList<>();
    private boolean deferring;

    SessionSet() {
        this(null);
    }

    SessionSet(FanOutBatch batch) {
        this.batch = batch;
        for (StreamKind kind : StreamKind.values()) {
            sessions.put(kind, new LinkedHashSet<>());
            snapshots.put(kind, NONE);
            deferred.add(new ArrayList<>());
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
        boolean batching = batch != null && batch.isOpen() && message instanceof Outgoing.Certificate;
        for (StreamKind kind : StreamKind.values()) {
            ClientSession[] snapshot = snapshot(kind);
            boolean keptBack = false;
            for (ClientSession session : snapshot) {
                if (batching && session.batchable()) {
                    keptBack = true;
                } else {
                    session.send(message);
                }
            }
            if (keptBack) {
                deferred.get(kind.ordinal()).add((Outgoing.Certificate) message);
                if (!deferring) {
                    deferring = true;
                    batch.deferred(this);
                }
            }
            if (sent != null) {
                sent[kind.ordinal()] += snapshot.length;
            }
        }
    }

    private ClientSession[] snapshot(StreamKind kind) {
        ClientSession[] snapshot = snapshots.get(kind);
        if (snapshot == null) {
            snapshot = sessions.get(kind).toArray(NONE);
            snapshots.put(kind, snapshot);
        }
        return snapshot;
    }

    /**
     * The batch ended: each plain websocket client gets the certificates kept back for its stream, in order,
     * as runs of shared frames while its connection takes them ({@link WindowRuns}: built once per stream
     * here, not per socket), the rest one by one.
     */
    void writeDeferred() {
        for (StreamKind kind : StreamKind.values()) {
            List<Outgoing.Certificate> messages = deferred.get(kind.ordinal());
            if (messages.isEmpty()) {
                continue;
            }
            WindowRuns runs = new WindowRuns(messages, kind, batch);
            try {
                for (ClientSession session : snapshot(kind)) {
                    if (session.batchable()) {
                        session.sendRuns(runs);
                    }
                }
            } finally {
                runs.release();
            }
        }
    }

    /** Forgets what was kept back and gives back its frames (the sockets' writes hold their own references). */
    void releaseDeferred() {
        for (List<Outgoing.Certificate> messages : deferred) {
            messages.forEach(Outgoing.Certificate::release);
            messages.clear();
        }
        deferring = false;
    }
}
