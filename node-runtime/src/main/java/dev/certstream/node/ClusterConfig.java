package dev.certstream.node;

import java.time.Duration;
import java.util.List;

/**
 * How a role joins the cluster and where it answers probes, from {@code CERTSTREAM_CLUSTER_*},
 * {@code CERTSTREAM_EVENTBUS_PORT} and {@code CERTSTREAM_HEALTH_PORT}.
 *
 * @param name            the Hazelcast cluster name: only members with the same name join each other
 * @param members         TCP-IP members to contact (hosts, optionally host:port), when no DNS discovery
 * @param host            the address Hazelcast and the event bus bind to and advertise (the pod IP)
 * @param dnsService      a headless Service name for Kubernetes DNS discovery, or null for the member list
 * @param port            Hazelcast's port (the next ones are tried when it is taken)
 * @param eventBusPort    the event bus port, 0 for an ephemeral one
 * @param healthPort      the watcher's and broker's HTTP port for /health, /ready and /metrics (0 = ephemeral)
 * @param failureTimeout  how long a silent (frozen) member stays in the cluster before it is removed
 * @param callTimeout     the deadline of every shared-data call and cluster operation
 * @param quorum          who may publish while the cluster is split
 */
public record ClusterConfig(String name, List<String> members, String host, String dnsService, int port,
                            int eventBusPort, int healthPort, Duration failureTimeout, Duration callTimeout,
                            QuorumSettings quorum) {

    public ClusterConfig {
        members = List.copyOf(members);
        java.util.Objects.requireNonNull(quorum, "quorum");
        if (members.isEmpty() && dnsService == null) {
            throw new ConfigException("CERTSTREAM_CLUSTER_MEMBERS: needs at least one member when CERTSTREAM_CLUSTER_DNS is unset");
        }
    }

    public static ClusterConfig fromEnv(EnvReader env) {
        String name = env.string("CERTSTREAM_CLUSTER_NAME", "certstream");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("CERTSTREAM_CLUSTER_NAME", "must be 1-64 letters, digits, '.', '_' or '-'", name);
        }
        return new ClusterConfig(name,
                env.list("CERTSTREAM_CLUSTER_MEMBERS", List.of("127.0.0.1")),
                env.string("CERTSTREAM_CLUSTER_HOST", "127.0.0.1"),
                env.raw("CERTSTREAM_CLUSTER_DNS"),
                env.integer("CERTSTREAM_CLUSTER_PORT", 5701, 1, 65535),
                env.integer("CERTSTREAM_EVENTBUS_PORT", 0, 0, 65535),
                env.integer("CERTSTREAM_HEALTH_PORT", 8080, 0, 65535),
                // 10 s of silence removes a frozen member within the 15 s the deployment promises.
                env.duration("CERTSTREAM_CLUSTER_FAILURE_TIMEOUT", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(5)),
                env.duration("CERTSTREAM_CLUSTER_CALL_TIMEOUT", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(5)),
                QuorumSettings.fromEnv(env));
    }
}
