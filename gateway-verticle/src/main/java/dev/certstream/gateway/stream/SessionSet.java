package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.util.ArrayList;
import java.util.Arrays;
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
     * the first ones (up to the batch's run bytes) as one run when its connection takes them. The run and
     * where each of its frames ends are worked out once per stream here, not per socket.
     */
    void writeDeferred() {
        for (StreamKind kind : StreamKind.values()) {
            List<Outgoing.Certificate> messages = deferred.get(kind.ordinal());
            if (messages.isEmpty()) {
                continue;
            }
            int[] ends = runEnds(messages, kind);
            ByteBuf run = run(messages.subList(0, ends.length), kind);
            try {
                for (ClientSession session : snapshot(kind)) {
                    if (session.batchable()) {
                        session.sendRun(messages, ends, run);
                    }
                }
            } finally {
                run.release();
            }
        }
    }

    /**
     * Where each frame of the run ends, counted from its start: the first messages' frames up to the batch's
     * run bytes, and the one that crosses them. Only these frames are built (and counted as built once).
     */
    private int[] runEnds(List<Outgoing.Certificate> messages, StreamKind kind) {
        int max = batch.maxRunBytes();
        int[] ends = new int[messages.size()];
        int count = 0;
        int bytes = 0;
        while (count < messages.size() && bytes < max) {
            Outgoing.Certificate message = messages.get(count);
            boolean built = message.hasFrame(kind);
            int length = message.frame(kind).readableBytes();
            if (!built) {
                batch.framed(length);
            }
            bytes += length;
            ends[count++] = bytes;
        }
        return count == ends.length ? ends : Arrays.copyOf(ends, count);
    }

    /** The certificates' frames one after the other, shared (not copied) from the frames each built once. */
    private static ByteBuf run(List<Outgoing.Certificate> messages, StreamKind kind) {
        if (messages.size() == 1) {
            return messages.get(0).frame(kind).retainedDuplicate();
        }
        CompositeByteBuf run = ByteBufAllocator.DEFAULT.compositeDirectBuffer(messages.size());
        for (Outgoing.Certificate message : messages) {
            run.addComponent(true, message.frame(kind).retainedDuplicate());
        }
        return run;
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
