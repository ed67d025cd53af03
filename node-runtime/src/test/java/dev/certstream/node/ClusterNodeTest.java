package dev.certstream.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.instance.EndpointQualifier;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterNodeTest {

    @Test
    void defaultsJoinByTcpIpOnLoopbackWithEverythingNoisyOff() {
        ClusterConfig cluster = ClusterConfig.fromEnv(new EnvReader(Map.of()));
        assertEquals("certstream", cluster.name());
        assertEquals(List.of("127.0.0.1"), cluster.members());
        assertNull(cluster.dnsService());
        Config config = ClusterNode.hazelcastConfig(cluster);
        assertTrue(config.getAdvancedNetworkConfig().isEnabled(), "the unified networking spins on a frozen peer");
        JoinConfig join = config.getAdvancedNetworkConfig().getJoin();
        assertFalse(join.getMulticastConfig().isEnabled(), "vertx's default-cluster.xml enables multicast");
        assertFalse(join.getAutoDetectionConfig().isEnabled());
        assertTrue(join.getTcpIpConfig().isEnabled());
        assertEquals(List.of("127.0.0.1"), join.getTcpIpConfig().getMembers());
        assertFalse(join.getKubernetesConfig().isEnabled());
        assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
        assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
        assertEquals("10", config.getProperty("hazelcast.max.no.heartbeat.seconds"), "a frozen member goes within 15 s");
        assertEquals("5000", config.getProperty("hazelcast.operation.call.timeout.millis"));
        ServerSocketEndpointConfig member = (ServerSocketEndpointConfig) config.getAdvancedNetworkConfig()
                .getEndpointConfigs().get(EndpointQualifier.MEMBER);
        assertTrue(member.getInterfaces().isEnabled());
        assertEquals(List.of("127.0.0.1"), List.copyOf(member.getInterfaces().getInterfaces()));
        assertEquals(List.of(EndpointQualifier.MEMBER), List.copyOf(config.getAdvancedNetworkConfig().getEndpointConfigs().keySet()),
                "no client, REST or memcache endpoint");
        assertEquals(ClusterNode.BACKUPS, config.getMapConfig("certstream.progress").getBackupCount());
        assertEquals(HigherIndexMergePolicy.class.getName(), config.getMapConfig("certstream.progress").getMergePolicyConfig().getPolicy(),
                "a merge must never move a log's progress backwards");
        assertEquals(ClusterNode.QUORUM, config.getMapConfig("certstream.progress").getSplitBrainProtectionName());
        for (String name : List.of("__vertx.nodeInfo", "__vertx.map.lock", "certstream.watchers")) {
            assertEquals(ClusterNode.BACKUPS, config.getMapConfig(name).getBackupCount(), name);
        }
        assertEquals(ClusterNode.BACKUPS, config.getMultiMapConfig("__vertx.subs").getBackupCount());
        assertTrue(config.getSplitBrainProtectionConfig(ClusterNode.QUORUM).isEnabled());
    }

    @Test
    void membersCarryTheirRoleAndAnIdThatSurvivesAMerge() {
        ClusterConfig cluster = ClusterConfig.fromEnv(new EnvReader(Map.of("CERTSTREAM_QUORUM_MEMBERS", "4")));
        Quorum quorum = new Quorum(cluster.quorum(), ClusterNode.heartbeatTolerance(cluster), System::nanoTime);
        Config config = ClusterNode.hazelcastConfig(cluster, "watcher", quorum);
        assertEquals("watcher", config.getMemberAttributeConfig().getAttributes().get(Quorum.ROLE_ATTRIBUTE));
        assertEquals(quorum.nodeId(), config.getMemberAttributeConfig().getAttributes().get(Quorum.NODE_ATTRIBUTE));
        assertEquals(quorum, config.getSplitBrainProtectionConfig(ClusterNode.QUORUM).getFunctionImplementation());
        assertEquals(4, cluster.quorum().members());
        assertEquals(java.time.Duration.ofSeconds(7), ClusterNode.heartbeatTolerance(cluster), "3 s inside the failure timeout");
        assertThrows(ConfigException.class, () -> ClusterConfig.fromEnv(new EnvReader(Map.of("CERTSTREAM_QUORUM_MEMBERS", "-1"))));
        assertThrows(ConfigException.class, () -> ClusterConfig.fromEnv(new EnvReader(Map.of("CERTSTREAM_QUORUM_FORGET", "soon"))));
    }

    @Test
    void dnsDiscoveryReplacesTheMemberList() {
        ClusterConfig cluster = ClusterConfig.fromEnv(new EnvReader(Map.of(
                "CERTSTREAM_CLUSTER_DNS", "certstream-hz.ns.svc.cluster.local",
                "CERTSTREAM_CLUSTER_HOST", "10.1.2.3", "CERTSTREAM_CLUSTER_PORT", "5801",
                "CERTSTREAM_CLUSTER_FAILURE_TIMEOUT", "6s")));
        Config config = ClusterNode.hazelcastConfig(cluster);
        JoinConfig join = config.getAdvancedNetworkConfig().getJoin();
        assertFalse(join.getTcpIpConfig().isEnabled());
        assertTrue(join.getKubernetesConfig().isEnabled());
        assertEquals("certstream-hz.ns.svc.cluster.local", join.getKubernetesConfig().getProperty("service-dns"));
        assertEquals("5801", join.getKubernetesConfig().getProperty("service-port"));
        assertEquals(5801, ((ServerSocketEndpointConfig) config.getAdvancedNetworkConfig().getEndpointConfigs()
                .get(EndpointQualifier.MEMBER)).getPort());
        assertEquals("6", config.getProperty("hazelcast.max.no.heartbeat.seconds"));
        assertEquals("10.1.2.3", ClusterNode.vertxOptions(cluster, new io.vertx.core.VertxOptions()).getEventBusOptions().getHost());
        // A connection cut for a while is kept, not declared dead (which lost what was written to it while closing).
        assertTrue(ClusterNode.vertxOptions(cluster, new io.vertx.core.VertxOptions()).getEventBusOptions()
                .getClusterPingReplyInterval() >= java.time.Duration.ofMinutes(10).toMillis());
    }

    @Test
    void refusesBadNamesAndTimeouts() {
        assertThrows(ConfigException.class, () -> ClusterConfig.fromEnv(new EnvReader(Map.of("CERTSTREAM_CLUSTER_NAME", "a b"))));
        assertThrows(ConfigException.class, () -> ClusterConfig.fromEnv(new EnvReader(Map.of("CERTSTREAM_CLUSTER_FAILURE_TIMEOUT", "1s"))));
        assertThrows(ConfigException.class, () -> ClusterConfig.fromEnv(new EnvReader(Map.of("CERTSTREAM_EVENTBUS_PORT", "70000"))));
    }
}
