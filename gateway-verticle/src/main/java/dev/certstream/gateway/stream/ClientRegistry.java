package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;
import dev.certstream.node.EventLoopBacklog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The figures every gateway instance shares: admission against the client bound, clients per stream,
 * drop counters and the live sessions (read, never written, by other threads for {@code /stats}).
 * Thread-safe: each instance's event loop updates it.
 */
public final class ClientRegistry {

    private final int maxClients;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Map<StreamKind, AtomicInteger> clientsByStream = new EnumMap<>(StreamKind.class);
    private final Map<StreamKind, AtomicInteger> filteredByStream = new EnumMap<>(StreamKind.class);
    private final Map<StreamKind, LongAdder> dropsByStream = new EnumMap<>(StreamKind.class);
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final LongAdder shed = new LongAdder();
    private final LongAdder runs = new LongAdder();
    private final LongAdder runMessages = new LongAdder();
    private final LongAdder frames = new LongAdder();
    private final LongAdder frameBytes = new LongAdder();
    private final List<EventLoopBacklog> backlogs = new CopyOnWriteArrayList<>();
    private final Map<String, Supplier<JsonObject>> otherMemory = new ConcurrentHashMap<>();
    private final AtomicInteger nextInstance = new AtomicInteger();
    private volatile int port = -1;

    /** This gateway process's name in the brokers' deployment-wide totals. */
    private final String id = java.util.UUID.randomUUID().toString();

    public String id() {
        return id;
    }

    public ClientRegistry(int maxClients) {
        this.maxClients = maxClients;
        for (StreamKind kind : StreamKind.values()) {
            clientsByStream.put(kind, new AtomicInteger());
            filteredByStream.put(kind, new AtomicInteger());
            dropsByStream.put(kind, new LongAdder());
        }
    }

    /** Reserves a client slot; false when the gateway is full. */
    public boolean tryAdmit() {
        if (admitted.incrementAndGet() > maxClients) {
            admitted.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a slot whose upgrade failed before a session existed. */
    public void cancelAdmission() {
        admitted.decrementAndGet();
    }

    void opened(ClientSession session) {
        sessions.add(session);
        clientsByStream.get(session.kind()).incrementAndGet();
        if (session.subscription().filter() != null) {
            filteredByStream.get(session.kind()).incrementAndGet();
        }
    }

    void closed(ClientSession session) {
        if (sessions.remove(session)) {
            clientsByStream.get(session.kind()).decrementAndGet();
            if (session.subscription().filter() != null) {
                filteredByStream.get(session.kind()).decrementAndGet();
            }
            admitted.decrementAndGet();
        }
    }

    public void dropped(StreamKind kind, int count) {
        dropsByStream.get(kind).add(count);
    }

    /** An instance's event loop, so /stats can show how far behind each one is. */
    public void instanceBacklog(EventLoopBacklog backlog) {
        backlogs.add(backlog);
    }

    /** The most tasks waiting on any instance's event loop. */
    public int maxBacklog() {
        int max = 0;
        for (EventLoopBacklog backlog : backlogs) {
            max = Math.max(max, backlog.pendingTasks());
        }
        return max;
    }

    /** Tasks waiting on each instance's event loop. */
    public JsonArray backlogsJson() {
        JsonArray tasks = new JsonArray();
        backlogs.forEach(backlog -> tasks.add(backlog.pendingTasks()));
        return tasks;
    }

    /** Another part of the process that shows its buffers in {@code /stats}' memory object. */
    public void addMemoryFigures(String name, Supplier<JsonObject> figures) {
        otherMemory.put(name, figures);
    }

    /** Adds the other parts' figures to {@code memory}. */
    public JsonObject withOtherMemory(JsonObject memory) {
        otherMemory.forEach((name, figures) -> memory.put(name, figures.get()));
        return memory;
    }

    /** {@code messages} certificates of a fan-out window went to one socket in one write. */
    void wroteRun(int messages) {
        runs.increment();
        runMessages.add(messages);
    }

    /** A fan-out window built a shared frame of {@code bytes} (direct memory, freed with the window). */
    void framed(int bytes) {
        frames.increment();
        frameBytes.add(bytes);
    }

    /**
     * {@code {"runs", "messages_in_runs", "frames", "frame_bytes"}}: writes that carried several certificates of
     * a fan-out window to one socket and the certificate messages they carried (the rest went one write each:
     * SSE, cursors, sockets with a backlog or without room for a whole run, a window's messages past the
     * frames built), and the shared frames built for them (one per certificate and stream, at most
     * {@link FanOutBatch#WINDOW_RUNS} socket buffers' worth per stream and window).
     */
    public JsonObject runsJson() {
        return new JsonObject().put("runs", runs.sum()).put("messages_in_runs", runMessages.sum())
                .put("frames", frames.sum()).put("frame_bytes", frameBytes.sum());
    }

    /** A certificate shed because an instance fell behind (each of its sockets also counts a drop). */
    public void shedCertificate() {
        shed.increment();
    }

    public long shedCertificates() {
        return shed.sum();
    }

    public int maxClients() {
        return maxClients;
    }

    public AtomicInteger clients(StreamKind kind) {
        return clientsByStream.get(kind);
    }

    /** Clients of the stream that asked for a filter. */
    public int filteredClients(StreamKind kind) {
        return filteredByStream.get(kind).get();
    }

    public int clients() {
        return clientsByStream.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public long drops() {
        return dropsByStream.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public int nextInstanceIndex() {
        return nextInstance.getAndIncrement();
    }

    public void port(int actualPort) {
        port = actualPort;
    }

    public int port() {
        return port;
    }

    /** {@code current_users_by_stream} of {@code /stats}, named as the routes' streams. */
    public JsonObject clientsJson() {
        JsonObject json = new JsonObject();
        clientsByStream.forEach((kind, count) -> json.put(StreamNames.of(kind), count.get()));
        return json;
    }

    /** Drops per live socket, by the client's address; for tests and diagnostics, never served. */
    public Map<String, Long> droppedByRemote() {
        Map<String, Long> byRemote = new java.util.HashMap<>();
        sessions.forEach(s -> byRemote.put(s.remote(), s.dropped()));
        return byRemote;
    }

    /**
     * What the per-socket queues hold: messages and their bytes summed over sockets. Sockets of a stream
     * share the same buffers, so the bytes over-count the memory they pin (at most the largest queue per
     * stream is distinct), which makes them a safe upper bound.
     */
    public JsonObject queuesJson() {
        long messages = 0;
        long bytes = 0;
        for (ClientSession session : sessions) {
            messages += session.queued();
            bytes += session.queuedBytes();
        }
        return new JsonObject().put("messages", messages).put("bytes", bytes);
    }

    /** Bytes queued over every socket (see {@link #queuesJson()}). */
    public long queuedBytes() {
        return sessions.stream().mapToLong(ClientSession::queuedBytes).sum();
    }

    /** Drop totals, per stream, and the {@code limit} live sockets that dropped most. */
    public JsonObject dropsJson(int limit) {
        JsonObject perStream = new JsonObject();
        dropsByStream.forEach((kind, count) -> perStream.put(StreamNames.of(kind), count.sum()));
        JsonArray worst = new JsonArray();
        sessions.stream().filter(s -> s.dropped() > 0)
                .sorted(Comparator.comparingLong(ClientSession::dropped).reversed())
                .limit(limit)
                .forEach(s -> worst.add(s.toStatsJson()));
        return new JsonObject().put("total", drops()).put("by_stream", perStream)
                .put("shed_certificates", shedCertificates()).put("worst_sockets", worst);
    }
}
