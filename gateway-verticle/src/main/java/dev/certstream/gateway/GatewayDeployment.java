package dev.certstream.gateway;

import dev.certstream.gateway.stream.ClientRegistry;

import dev.certstream.gateway.filter.FilterCatalog;
import dev.certstream.gateway.resume.ReplayBuffer;
import io.vertx.core.json.JsonObject;

import java.util.function.Supplier;

/** A running gateway: its deployment id (to undeploy), its port and its live client count. */
public final class GatewayDeployment {

    private final String deploymentId;
    private final ClientRegistry registry;
    private final FilterCatalog filters;
    private final ReplayBuffer buffer;

    GatewayDeployment(String deploymentId, ClientRegistry registry, FilterCatalog filters, ReplayBuffer buffer) {
        this.deploymentId = deploymentId;
        this.registry = registry;
        this.filters = filters;
        this.buffer = buffer;
    }

    /** The replay buffer, or null when it is off (benchmarks fill and read it). */
    public ReplayBuffer buffer() {
        return buffer;
    }

    /** This gateway process's id among its peers. */
    public String gatewayId() {
        return registry.id();
    }

    /** The process's distinct filters and their index (benchmarks hold filters through it without sockets). */
    public FilterCatalog filters() {
        return filters;
    }

    public String deploymentId() {
        return deploymentId;
    }

    /** The port every instance listens on (the chosen one when the config said 0). */
    public int port() {
        return registry.port();
    }

    /** Websocket clients connected now, over all instances. */
    public int clients() {
        return registry.clients();
    }

    /**
     * Tasks waiting on the most loaded gateway instance's event loop: how far behind the gateway is. A
     * publisher in the same JVM holds back past half its {@code fanoutBacklog}, where the gateway would shed.
     */
    public int backlog() {
        return registry.maxBacklog();
    }

    /** Adds another part of this process to {@code /stats}' {@code memory} (the embedded server's watcher). */
    public void addMemoryFigures(String name, Supplier<JsonObject> figures) {
        registry.addMemoryFigures(name, figures);
    }

    public ClientRegistry registry() {
        return registry;
    }
}
