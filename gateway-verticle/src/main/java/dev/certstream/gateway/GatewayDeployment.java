package dev.certstream.gateway;

/** A running gateway: its deployment id (to undeploy), its port and its live client count. */
public final class GatewayDeployment {

    private final String deploymentId;
    private final ClientRegistry registry;

    GatewayDeployment(String deploymentId, ClientRegistry registry) {
        this.deploymentId = deploymentId;
        this.registry = registry;
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

    ClientRegistry registry() {
        return registry;
    }
}
