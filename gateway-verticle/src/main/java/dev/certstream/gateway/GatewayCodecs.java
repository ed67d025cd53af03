package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.eventbus.EventBus;

/** Registers the envelope codec unless the caller (a {@code Main} or the broker) already did. */
final class GatewayCodecs {

    private GatewayCodecs() {
    }

    static void ensureRegistered(EventBus bus) {
        try {
            CertificateEnvelope.registerCodec(bus);
        } catch (IllegalStateException alreadyRegistered) {
            // Expected in the all-in-one server: one codec per Vert.x, whoever registers it first.
        }
    }
}
