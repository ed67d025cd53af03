package dev.certstream.broker;

import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.eventbus.EventBus;

/** Registers the envelope codec unless the caller (a {@code Main} or another verticle) already did. */
final class BrokerCodecs {

    private BrokerCodecs() {
    }

    static void ensureRegistered(EventBus bus) {
        try {
            CertificateEnvelope.registerCodec(bus);
        } catch (IllegalStateException alreadyRegistered) {
            // Expected when the all-in-one server or a gateway registered it first: one codec per Vert.x.
        }
    }
}
