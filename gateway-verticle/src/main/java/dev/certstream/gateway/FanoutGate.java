package dev.certstream.gateway;

import dev.certstream.contract.BusAddresses;
import dev.certstream.contract.StreamKind;
import dev.certstream.gateway.stream.ClientRegistry;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;

/**
 * Sheds certificates before they enter the event bus when this process's gateway is too far behind: an
 * outbound interceptor, so it acts on certificates published in the same JVM (the embedded server, where
 * the watcher would otherwise queue tasks on the gateway's event loops faster than they run, without
 * bound). A shed certificate reaches no consumer (neither the clients nor the broker's counts); it is
 * counted in {@code shed_certificates} and as a drop for every client. Certificates arriving from other
 * JVMs are shed by the gateway instances themselves when they handle them.
 */
final class FanoutGate implements Handler<DeliveryContext<Object>> {

    private final ClientRegistry registry;
    private final int maxBacklog;

    FanoutGate(ClientRegistry registry, int maxBacklog) {
        this.registry = registry;
        this.maxBacklog = maxBacklog;
    }

    @Override
    public void handle(DeliveryContext<Object> delivery) {
        if (!BusAddresses.CERTIFICATES.equals(delivery.message().address()) || registry.maxBacklog() <= maxBacklog) {
            delivery.next();
            return;
        }
        registry.shedCertificate();
        for (StreamKind kind : StreamKind.values()) {
            registry.dropped(kind, registry.clients(kind).get());
        }
    }
}
