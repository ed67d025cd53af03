package dev.certstream.broker;

import dev.certstream.contract.BrokerReplies;
import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.LogStatus;
import dev.certstream.node.CutOffDetector;
import dev.certstream.node.EventLoopBacklog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The broker: counts every certificate once, keeps the ring of the latest ones and the per-log table, and
 * answers the gateways' {@code certstream.broker.*} requests ({@link BrokerAnswers}) while its state is
 * current. Deploy one instance (its state is not shared).
 */
public final class BrokerVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerVerticle.class);

    private final BrokerConfig config;
    private final JsonObject restoreFrom;
    private final long syncTimeoutMs;
    private final CutOffDetector cutOffDetector;
    private final Membership membership;
    /** This replica's name in snapshot requests, so that it never answers its own. */
    private final String replicaId = java.util.UUID.randomUUID().toString();
    private BrokerState state;
    /** Cut off or without quorum since the last copy of a live replica's state: not current until it copies one. */
    private boolean stale;
    /** Attempts at copying a live replica since this one became stale that found none current. */
    private int failedCopies;
    /** How many times this replica's state was copied from a live one (for the probe server's /stats). */
    private int copiesFromPeer;
    /** {@link Membership#merges()} when last checked. */
    private long mergesSeen;
    private long membershipTimer = -1;
    private long syncTimer = -1;
    private BrokerAnswers answers;
    /** Gateways report every 5 s; three missed reports and one no longer counts. */
    private final GatewayRoster gateways = new GatewayRoster(15_000);
    /** Certificates that arrive while the state is being fetched from a peer; null once in sync. */
    private ArrayDeque<CertificateEnvelope> arrivedDuringSync;

    /**
     * What a replica asks about its side of the cluster: whether it holds the quorum, and whether its member
     * is being merged into another cluster or just was (then neither is judged: a member being merged sees
     * itself alone for a moment, and a merge by itself makes no replica's state stale).
     */
    public interface Membership {
        /** A member of a cluster that is never split (tests, a single JVM). */
        Membership WHOLE = new Membership() {
        };

        default boolean quorate() {
            return true;
        }

        default boolean merging() {
            return false;
        }

        /** How many times this member began being merged into another cluster since it started. */
        default long merges() {
            return 0;
        }
    }

    /** Copies attempted without finding a current replica before a stale one serves its own state again. */
    static final int MAX_FAILED_COPIES = 5;

    public BrokerVerticle(BrokerConfig config) {
        this(config, null, 0, null, Membership.WHOLE);
    }

    /** A broker that continues from a live replica's {@link BrokerState#snapshot()}. */
    public BrokerVerticle(BrokerConfig config, JsonObject restoreFrom) {
        this(config, restoreFrom, 0, null, Membership.WHOLE);
    }

    /**
     * A broker replica that, before serving, asks a live peer for its state (waiting at most
     * {@code syncTimeoutMs}; with no peer it starts empty), so that losing one replica loses neither the
     * counts nor the ring. {@code cutOff} and {@code membership} (asked every second) let it notice that it
     * was cut off from the cluster or left without quorum on its side of a split, and once back copy a peer's
     * state again rather than serve stale counts.
     */
    public static BrokerVerticle syncingWithPeers(BrokerConfig config, long syncTimeoutMs, CutOffDetector cutOff,
                                                  Membership membership) {
        return new BrokerVerticle(config, null, syncTimeoutMs, cutOff, membership);
    }

    /** {@link #syncingWithPeers(BrokerConfig, long, CutOffDetector, Membership)} in a cluster never split. */
    public static BrokerVerticle syncingWithPeers(BrokerConfig config, long syncTimeoutMs, CutOffDetector cutOff) {
        return syncingWithPeers(config, syncTimeoutMs, cutOff, Membership.WHOLE);
    }

    private BrokerVerticle(BrokerConfig config, JsonObject restoreFrom, long syncTimeoutMs, CutOffDetector cutOff,
                           Membership membership) {
        this.config = config;
        this.restoreFrom = restoreFrom;
        this.syncTimeoutMs = syncTimeoutMs;
        this.cutOffDetector = cutOff;
        this.membership = membership;
    }

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        CertificateEnvelope.registerCodec(bus);
        answers = new BrokerAnswers(bus, () -> state, gateways, replicaId, () -> !stale, new EventLoopBacklog(context));
        // Listen first and hold what arrives, so nothing published during the sync is missed.
        arrivedDuringSync = new ArrayDeque<>();
        MessageConsumer<Object> certificates = bus.consumer(BusAddresses.CERTIFICATES, this::onCertificate);
        return certificates.completion().compose(v -> initialState(bus)).compose(initial -> {
            state = initial;
            replayArrivals();
            // Answers are registered only now: a starting replica never answers (nor copies) itself.
            List<MessageConsumer<?>> consumers = List.of(
                    bus.consumer(BusAddresses.LOG_STATUS, this::onLogStatus),
                    bus.consumer(BusAddresses.GATEWAY_STATUS, this::onGatewayStatus));
            if (cutOffDetector != null) {
                membershipTimer = vertx.setPeriodic(1000, t -> checkMembership(bus));
            }
            return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).compose(v -> answers.register());
        }).onSuccess(done -> LOG.info("broker started: ring of {}, up to {} logs, restored={}",
                config.ringSize(), config.maxLogs(), restoreFrom != null || syncTimeoutMs > 0));
    }

    private Future<BrokerState> initialState(EventBus bus) {
        if (restoreFrom != null) {
            return Future.succeededFuture(BrokerState.restore(config, restoreFrom));
        }
        BrokerState fresh = new BrokerState(config, System.currentTimeMillis());
        if (syncTimeoutMs <= 0) {
            return Future.succeededFuture(fresh);
        }
        return afterSyncDelay().compose(v -> peerSnapshot(bus, 3))
                .map(snapshot -> {
                    copiesFromPeer++;
                    LOG.info("broker state copied from a live replica");
                    return BrokerState.restore(config, snapshot);
                })
                .otherwise(failure -> {
                    LOG.info("no live broker replica to copy from ({}); starting empty", failure.getMessage());
                    return fresh;
                });
    }

    /** Completes once the watchers have had time to learn this replica's certificate subscription. */
    private Future<Void> afterSyncDelay() {
        Promise<Void> waited = Promise.promise();
        syncTimer = vertx.setTimer(Math.max(1, config.syncDelay().toMillis()), t -> waited.tryComplete());
        return waited.future();
    }

    /**
     * A current peer's state; a request that reaches this replica itself, or a replica that is not current
     * either, is refused and asked again (the event bus picks another replica each time).
     */
    private Future<JsonObject> peerSnapshot(EventBus bus, int tries) {
        return bus.<JsonObject>request(BusAddresses.BROKER_SNAPSHOT, replicaId, new DeliveryOptions().setSendTimeout(syncTimeoutMs))
                .map(reply -> reply.body())
                .recover(failure -> failure instanceof io.vertx.core.eventbus.ReplyException reply
                        && (reply.failureCode() == BrokerReplies.OWN_REQUEST || reply.failureCode() == BrokerReplies.NOT_CURRENT)
                        && tries > 1 ? peerSnapshot(bus, tries - 1) : Future.failedFuture(failure));
    }

    /**
     * A replica that found itself alone after having had peers (frozen, partitioned), or on a side of a split
     * without the quorum, misses certificates: it stops answering (its state is stale), and once it is back
     * among them it copies a current peer's state, keeping what arrives meanwhile, before it answers again,
     * so gateways never get stale counts. Should no current replica answer {@value #MAX_FAILED_COPIES} times
     * running (every one was stale too), it serves its own state again: it is the best there is.
     */
    private void checkMembership(EventBus bus) {
        long merges = membership.merges();
        if (merges != mergesSeen) {
            // Merged into another cluster: its side missed what the other side published, even when it never
            // saw itself alone (frozen, it was removed without hearing of it, and rejoins through the merge).
            mergesSeen = merges;
            becomeStale("merged into another cluster");
        }
        if (membership.merging()) {
            return;
        }
        boolean alone = cutOffDetector.check();
        if (alone || !membership.quorate()) {
            becomeStale(alone ? "cut off from the cluster" : "without quorum on its side of a split");
            return;
        }
        if (stale && arrivedDuringSync == null) {
            arrivedDuringSync = new ArrayDeque<>();
            afterSyncDelay().compose(v -> peerSnapshot(bus, 3)).onComplete(snapshot -> {
                if (snapshot.succeeded()) {
                    state = BrokerState.restore(config, snapshot.result());
                    stale = false;
                    copiesFromPeer++;
                    LOG.info("broker back in the cluster: state copied again from a live replica");
                } else if (++failedCopies >= MAX_FAILED_COPIES) {
                    stale = false;
                    LOG.warn("broker back in the cluster, and no current replica to copy after {} attempts ({}):"
                            + " answering from its own state", failedCopies, snapshot.cause().getMessage());
                } else {
                    // Right after a merge the peers' subscriptions may not be back yet: the next check retries.
                    LOG.warn("broker back in the cluster but no current replica answered yet ({}); trying again",
                            snapshot.cause().getMessage());
                }
                replayArrivals();
            });
        }
    }

    private void becomeStale(String why) {
        if (!stale) {
            stale = true;
            failedCopies = 0;
            LOG.warn("broker {}: not answering until it has copied a live replica again", why);
        }
    }

    /** Counts what arrived while the state was being copied (overlaps are dropped by (log, index)). */
    private void replayArrivals() {
        arrivedDuringSync.forEach(state::onCertificate);
        arrivedDuringSync = null;
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(membershipTimer);
        vertx.cancelTimer(syncTimer);
        return Future.succeededFuture();
    }

    /**
     * The broker's part of its probe server's {@code /stats}: whether it answers the gateways now, how many
     * times it copied a live replica's state, and the certificates it counted.
     */
    public Future<JsonObject> stats() {
        Promise<JsonObject> read = Promise.promise();
        context.runOnContext(v -> read.complete(new JsonObject().put("answering", answers != null && answers.answering())
                .put("copies_from_peer", copiesFromPeer)
                .put("processed_certificates", state == null ? null : state.processed())));
        return read.future();
    }

    /** The live state; call only from this verticle's context (e.g. to snapshot it for a new replica). */
    public BrokerState state() {
        return state;
    }

    private void onCertificate(Message<Object> message) {
        if (message.body() instanceof CertificateEnvelope envelope) {
            if (arrivedDuringSync != null) {
                if (arrivedDuringSync.size() >= config.maxSyncBacklog()) {
                    arrivedDuringSync.removeFirst();
                }
                arrivedDuringSync.addLast(envelope);
                return;
            }
            state.onCertificate(envelope);
        } else {
            LOG.warn("ignored a non-envelope body on {}: {}", BusAddresses.CERTIFICATES, describe(message.body()));
        }
    }

    private void onLogStatus(Message<Object> message) {
        if (message.body() instanceof JsonObject json && json.getValue("url") instanceof String) {
            try {
                state.onStatus(LogStatus.fromJson(json));
            } catch (RuntimeException malformed) {
                // A status from a newer or broken watcher must not stop the others' statuses being kept.
                LOG.warn("ignored a malformed log status for {}: {}", json.getValue("url"), malformed.toString());
            }
        } else {
            LOG.warn("ignored a log status without a url: {}", describe(message.body()));
        }
    }

    private void onGatewayStatus(Message<Object> message) {
        if (message.body() instanceof JsonObject json) {
            gateways.onStatus(json, System.currentTimeMillis());
        }
    }

    private static String describe(Object body) {
        return body == null ? "null" : body.getClass().getSimpleName();
    }
}
