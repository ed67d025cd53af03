package dev.certstream.node;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This member's outgoing event-bus connections, one per other member, so that the one to a member coming back
 * after a split can be dropped: Vert.x keeps it (ours are kept through splits on purpose, see
 * {@link ClusterNode#PING_REPLY}), and TCP resends what it held only when its retransmission timer fires,
 * which doubles while the peer is unreachable: after a 60 s cut the next try came up to ~50 s after the heal,
 * and everything sent meanwhile waited behind it (PartitionIT). Dropped, the next message opens a fresh
 * connection at once. What the old one still held is lost; it was written before the split was noticed, and
 * a gateway tells each client such a range as {@code unreceived} anyway. Vert.x 5.0 has no public API for
 * this, so the map is read by reflection; if that fails (another Vert.x), nothing is dropped and it says so.
 */
final class EventBusConnections {

    private static final Logger LOG = LoggerFactory.getLogger(EventBusConnections.class);

    /** Before the event bus is up: nothing to reset. */
    static final EventBusConnections NONE = new EventBusConnections(Map.of(), null);

    private final Map<String, ?> connections;
    private final Field socketField;
    private final AtomicLong resets = new AtomicLong();

    private EventBusConnections(Map<String, ?> connections, Field socketField) {
        this.connections = connections;
        this.socketField = socketField;
    }

    /** The connections of {@code vertx}'s clustered event bus; one that resets nothing when they cannot be found. */
    static EventBusConnections of(Vertx vertx) {
        Object bus = vertx.eventBus();
        try {
            Field map = field(bus.getClass(), "outboundConnections");
            Map<String, ?> connections = (Map<String, ?>) map.get(bus);
            Class<?> connection = Class.forName("io.vertx.core.eventbus.impl.clustered.OutboundConnection");
            return new EventBusConnections(connections, field(connection, "socket"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("event-bus connections cannot be reset after a split on this Vert.x ({}): after a long split,"
                    + " delivery to members that come back waits for TCP's next retransmission", e.toString());
            return NONE;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> at = type; at != null; at = at.getSuperclass()) {
            try {
                Field field = at.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** The Vert.x node ids this member has an outgoing connection to (being opened or open). */
    Set<String> nodes() {
        return Set.copyOf(connections.keySet());
    }

    /**
     * Drops the open connection to {@code nodeId}, if any: the next message to it opens a new one. The old
     * socket is reset (no FIN queued behind unacknowledged data), so the other side closes its end as soon as
     * it hears of it. A connection still being opened is left alone: it connects to the member as it is now.
     * True when one was dropped.
     */
    boolean reset(String nodeId) {
        Object connection = nodeId == null ? null : connections.get(nodeId);
        if (connection == null) {
            return false;
        }
        Object socket;
        try {
            socket = socketField.get(connection);
        } catch (IllegalAccessException e) {
            return false;
        }
        if (!(socket instanceof NetSocketInternal open) || !connections.remove(nodeId, connection)) {
            return false;
        }
        resets.incrementAndGet();
        try {
            Channel channel = open.channelHandlerContext().channel();
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        } catch (RuntimeException e) {
            LOG.debug("the old event-bus connection to {} was not closed: {}", nodeId, e.toString());
        }
        LOG.info("event-bus connection to node {} dropped: the member is back after being out of reach", nodeId);
        return true;
    }

    /** How many connections were dropped so far. */
    long resets() {
        return resets.get();
    }
}
