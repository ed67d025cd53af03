package dev.certstream.broker;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.LogStatus;
import dev.certstream.contract.StreamKind;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * The broker: counts every certificate once, keeps the ring of the latest ones and the per-log table, and
 * answers the gateways' {@code certstream.broker.*} requests. Deploy one instance (its state is not shared).
 */
public final class BrokerVerticle extends VerticleBase {

    /** Failure code of {@code BROKER_EXAMPLE} before the first certificate, as the bus contract says. */
    public static final int NO_CERTIFICATE_YET = 404;
    /** Failure code of {@code BROKER_EXAMPLE} when the body names no stream. */
    public static final int BAD_REQUEST = 400;

    private static final Logger LOG = LoggerFactory.getLogger(BrokerVerticle.class);

    private final BrokerConfig config;
    private final JsonObject restoreFrom;
    private BrokerState state;

    public BrokerVerticle(BrokerConfig config) {
        this(config, null);
    }

    /** A broker that continues from a live replica's {@link BrokerState#snapshot()}. */
    public BrokerVerticle(BrokerConfig config, JsonObject restoreFrom) {
        this.config = config;
        this.restoreFrom = restoreFrom;
    }

    @Override
    public Future<?> start() {
        state = restoreFrom == null
                ? new BrokerState(config, System.currentTimeMillis())
                : BrokerState.restore(config, restoreFrom);
        EventBus bus = vertx.eventBus();
        CertificateEnvelope.registerCodec(bus);
        List<MessageConsumer<?>> consumers = List.of(
                bus.consumer(BusAddresses.CERTIFICATES, this::onCertificate),
                bus.consumer(BusAddresses.LOG_STATUS, this::onLogStatus),
                bus.consumer(BusAddresses.BROKER_LATEST, this::answerLatest),
                bus.consumer(BusAddresses.BROKER_EXAMPLE, this::answerExample),
                bus.consumer(BusAddresses.BROKER_STATS, this::answerStats),
                bus.consumer(BusAddresses.BROKER_SNAPSHOT, request -> request.reply(state.snapshot())));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
                .onSuccess(done -> LOG.info("broker started: ring of {}, up to {} logs, restored={}",
                        config.ringSize(), config.maxLogs(), restoreFrom != null));
    }

    /** The live state; call only from this verticle's context (e.g. to snapshot it for a new replica). */
    public BrokerState state() {
        return state;
    }

    private void onCertificate(Message<Object> message) {
        if (message.body() instanceof CertificateEnvelope envelope) {
            state.onCertificate(envelope);
        } else {
            LOG.warn("ignored a non-envelope body on {}: {}", BusAddresses.CERTIFICATES, describe(message.body()));
        }
    }

    private void onLogStatus(Message<Object> message) {
        if (message.body() instanceof JsonObject json && json.getString("url") != null) {
            state.onStatus(LogStatus.fromJson(json));
        } else {
            LOG.warn("ignored a log status without a url: {}", describe(message.body()));
        }
    }

    private void answerLatest(Message<Object> request) {
        request.reply(state.latestBody());
    }

    private void answerExample(Message<Object> request) {
        StreamKind kind;
        try {
            kind = StreamKind.valueOf(String.valueOf(request.body()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            request.fail(BAD_REQUEST, "unknown stream: " + request.body());
            return;
        }
        Buffer newest = state.newest(kind);
        if (newest == null) {
            request.fail(NO_CERTIFICATE_YET, "no certificate seen yet");
        } else {
            request.reply(newest);
        }
    }

    private void answerStats(Message<Object> request) {
        request.reply(state.statsJson());
    }

    private static String describe(Object body) {
        return body == null ? "null" : body.getClass().getSimpleName();
    }
}
