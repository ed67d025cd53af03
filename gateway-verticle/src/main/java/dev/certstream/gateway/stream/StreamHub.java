package dev.certstream.gateway.stream;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.GatewayConfig;
import dev.certstream.gateway.filter.FilterEntry;
import dev.certstream.gateway.resume.LogIds;
import dev.certstream.gateway.resume.ReplayDriver;
import dev.certstream.gateway.resume.StreamPosition;
import dev.certstream.gateway.unique.UniqueMode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One gateway instance's clients and the fan-out to them. Unfiltered clients of a stream get every
 * envelope's ready buffer as it is; filtered clients sit in one {@link SessionSet} per shared filter and get
 * it when the index matched their filter; {@code unique=} clients get it through the {@link UniqueLane} once
 * its claim is answered. The hub's position (after the last certificate it passed) is every live client's
 * cursor; a resuming client first replays ({@link ReplayDriver}) and then joins. Only the instance's event
 * loop calls it.
 */
public final class StreamHub implements DeliverySource {

    /** Close code for clients of a gateway that stops. */
    public static final short CLOSE_GOING_AWAY = ClientSession.CLOSE_GOING_AWAY;
    private static final ClientSession[] NONE = new ClientSession[0];

    private final Vertx vertx;
    private final int instance;
    private final GatewayConfig config;
    private final StreamServices services;
    private final FanOutBatch batch;
    private final SessionSet unfiltered;
    private final UniqueLane lane;
    private final StreamPosition position = new StreamPosition();
    private final Set<ClientSession> all = new LinkedHashSet<>();
    private ClientSession[] allSnapshot = NONE;
    private int filtered;
    private final long[] filteredSent = new long[StreamKind.values().length];

    public StreamHub(Vertx vertx, int instance, GatewayConfig config, StreamServices services) {
        this.vertx = vertx;
        this.instance = instance;
        this.config = config;
        this.services = services;
        this.batch = new FanOutBatch(config.socketBufferBytes(), services.registry());
        this.unfiltered = new SessionSet(batch);
        this.lane = new UniqueLane(services.claims(), services.meters());
    }

    @Override
    public StreamPosition position() {
        return position;
    }

    /**
     * Takes over a connection whose client slot and filter the route already reserved; false (nothing
     * kept, nothing released) when the client closed it before we could set it up.
     */
    boolean attach(ClientTransport transport, Subscription subscription) {
        ClientSession session = new ClientSession(transport, subscription, config.queueMessages(), config.queueBytes(),
                services.registry(), services.meters());
        try {
            transport.bind(session, () -> detach(session));
        } catch (IllegalStateException closedAlready) {
            return false;
        }
        if (subscription.filter() != null) {
            filtered++;
        }
        all.add(session);
        allSnapshot = null;
        services.registry().opened(session);
        if (subscription.resume().resumes()) {
            SessionReplay target = new SessionReplay(session, this, services.claims());
            ReplayDriver replay = new ReplayDriver(vertx, services.readers(), services.buffer(), services.peers(), target,
                    subscription.resume().since(), services.resumeStats(), Math.max(1, config.queueMessages() / 2),
                    Math.max(1024, config.queueBytes() / 2));
            session.replaying(replay.position());
            replay.start();
        } else {
            goLive(session, null);
        }
        return true;
    }

    /**
     * {@link #attach}, or, when the connection is gone already (or {@code transport} is null: the upgrade
     * failed), gives back the subscription and the client slot the route reserved.
     */
    public void attachOrRelease(ClientTransport transport, Subscription subscription) {
        if (transport == null || !attach(transport, subscription)) {
            subscription.release();
            services.registry().cancelAdmission();
        }
    }

    /** Where a client's live certificates come from. */
    DeliverySource sourceOf(ClientSession session) {
        return session.subscription().resume().unique() == UniqueMode.NONE ? this : lane;
    }

    /** The client joins the live stream: from now on the fan-out (or the lane) sends to it. */
    void goLive(ClientSession session, StreamPosition floors) {
        if (session.closing() || !all.contains(session)) {
            return;
        }
        session.goLive(sourceOf(session), floors);
        if (session.subscription().resume().unique() != UniqueMode.NONE) {
            lane.add(session);
        } else {
            setOf(session, true).add(session);
        }
    }

    /** The set a live non-unique session belongs to: the unfiltered one or its filter's. */
    private SessionSet setOf(ClientSession session, boolean create) {
        FilterEntry filter = session.subscription().filter();
        if (filter == null) {
            return unfiltered;
        }
        SessionSet set = (SessionSet) filter.local(instance);
        if (set == null && create) {
            set = new SessionSet(batch);
            filter.local(instance, set);
        }
        return set;
    }

    private void detach(ClientSession session) {
        session.onClosed();
        if (!all.remove(session)) {
            return;
        }
        allSnapshot = null;
        if (session.subscription().resume().unique() != UniqueMode.NONE) {
            lane.remove(session);
        } else {
            SessionSet set = setOf(session, false);
            if (set != null && set.remove(session) && set != unfiltered) {
                session.subscription().filter().local(instance, null);
            }
        }
        if (session.subscription().filter() != null) {
            filtered--;
        }
        session.subscription().release();
        services.registry().closed(session);
    }

    /** Whether any client of this instance is filtered, so certificates need matching here. */
    public boolean hasFiltered() {
        return filtered > 0;
    }

    /**
     * Opens a fan-out window: until {@link #endFanOut}, certificates {@link #broadcast} for plain websocket
     * clients are kept back and then written to each of them in one run.
     */
    public void beginFanOut() {
        batch.begin();
    }

    /** Writes what the window kept back (see {@link #beginFanOut}). */
    public void endFanOut() {
        batch.end();
    }

    /** Sends a certificate to every unfiltered client, to the clients of the matched filters and to the lane. */
    public void broadcast(CertificateEnvelope envelope, FilterEntry[] matches) {
        int logId = LogIds.of(envelope.logUrl());
        position.advance(logId, envelope.index());
        Outgoing message = new Outgoing.Certificate(envelope, logId, position);
        unfiltered.send(message);
        for (FilterEntry match : matches) {
            if (match.local(instance) instanceof SessionSet set) {
                set.send(message, filteredSent);
            }
        }
        lane.offer(envelope, logId, matches);
    }

    /** Hands the filtered sends counted since the last call to the metrics (once per fan-out, not per send). */
    public void countFilteredSends() {
        for (StreamKind kind : StreamKind.values()) {
            if (filteredSent[kind.ordinal()] > 0) {
                services.meters().filteredSent(kind, filteredSent[kind.ordinal()]);
                filteredSent[kind.ordinal()] = 0;
            }
        }
    }

    /**
     * A certificate this instance is too far behind to send in time: nothing is written; every client counts
     * it as dropped, and those that asked are told it as a gap. Filtered clients count too: a shed certificate
     * is never matched, so whether it was theirs is unknown, and an over-count is the safe side for a client
     * judging its losses. The position moves past it like past any other certificate.
     */
    public void shed(CertificateEnvelope envelope) {
        position.advance(LogIds.of(envelope.logUrl()), envelope.index());
        int[] perKind = new int[StreamKind.values().length];
        for (ClientSession session : allSessions()) {
            session.shed(envelope);
            perKind[session.kind().ordinal()]++;
        }
        for (StreamKind kind : StreamKind.values()) {
            if (perKind[kind.ordinal()] > 0) {
                services.registry().dropped(kind, perKind[kind.ordinal()]);
                services.meters().dropped(kind, perKind[kind.ordinal()]);
            }
        }
    }

    /**
     * Indices {@code from..to} of a log never reached this gateway (its side of a split was cut off): every
     * client counts them, and those that asked for gap notices are told the exact range now.
     */
    public void unreceived(String logUrl, long from, long to, String reason) {
        for (ClientSession session : allSessions()) {
            session.gap(logUrl, from, to, reason);
        }
    }

    /** Sends one heartbeat message, built once, to every websocket client of every stream. */
    public void heartbeat(long nowMillis) {
        Buffer json = Buffer.buffer("{\"message_type\":\"heartbeat\",\"timestamp\":"
                + BigDecimal.valueOf(nowMillis, 3).toPlainString() + "}");
        sendAll(new Outgoing.Fixed(json, null));
    }

    /** Sends one heartbeat comment to every SSE client. */
    public void sseHeartbeat(long nowMillis) {
        sendAll(new Outgoing.Fixed(null, SseEvents.heartbeat(nowMillis)));
    }

    /** The cursor period: clients that asked get a cursor message, SSE clients an id, when they moved. */
    public void cursorTick() {
        for (ClientSession session : allSessions()) {
            session.cursorTick();
        }
    }

    private void sendAll(Outgoing message) {
        for (ClientSession session : allSessions()) {
            session.send(message);
        }
    }

    /** Pings every client and closes those that stopped answering. */
    public void pingOrExpireAll() {
        long now = System.nanoTime();
        long timeout = config.pongTimeout().toNanos();
        for (ClientSession session : allSessions()) {
            session.pingOrExpire(now, timeout);
        }
    }

    /** Closes every client (undeploy). */
    public void closeAll(short code, String reason) {
        for (ClientSession session : allSessions()) {
            session.close(code, reason);
        }
    }

    public int size() {
        return all.size();
    }

    /** Certificates the unique lane holds until their claims are answered. */
    public int uniqueWaiting() {
        return lane.waiting();
    }

    private ClientSession[] allSessions() {
        if (allSnapshot == null) {
            allSnapshot = all.toArray(NONE);
        }
        return allSnapshot;
    }
}
