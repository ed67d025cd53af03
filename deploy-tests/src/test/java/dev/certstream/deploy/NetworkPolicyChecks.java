package dev.certstream.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The NetworkPolicy lets only the project's own pods reach the cluster ports (Hazelcast, event bus) of
 * every pod, opens no cluster port to anyone else, restricts nothing but the cluster ports, and keeps
 * the gateway's HTTP port reachable.
 */
final class NetworkPolicyChecks {

    private static final int ALL_PORTS = -1;

    private NetworkPolicyChecks() {
    }

    static List<String> check(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        List<Deployment> members = manifests.deployments().stream().filter(NetworkPolicyChecks::isMember).toList();
        for (Deployment d : manifests.deployments()) {
            Map<String, String> labels = Manifests.podLabels(d);
            List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class).stream()
                    .filter(p -> ingressPolicy(p) && matches(p.getSpec().getPodSelector(), labels)).toList();
            for (Container c : Manifests.containers(d)) {
                String where = Manifests.describe(d) + " container " + c.getName();
                Set<Integer> cluster = new TreeSet<>();
                for (String name : List.of("hazelcast", "eventbus")) {
                    PortChecks.port(c, name).ifPresent(p -> cluster.add(p.getContainerPort()));
                }
                if (policies.isEmpty()) {
                    problems.add(where + ": no NetworkPolicy selects these pods; ports " + cluster + " are open to every pod");
                    continue;
                }
                Set<Integer> open = new TreeSet<>();
                Set<Integer> restricted = new TreeSet<>();
                for (NetworkPolicy policy : policies) {
                    for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                        Set<Integer> ports = ports(rule, c);
                        if (!onlyProjectPods(rule)) {
                            open.addAll(ports);
                            continue;
                        }
                        restricted.addAll(ports);
                        for (Deployment member : members) {
                            if (rule.getFrom().stream().noneMatch(peer -> Manifests.selects(
                                    peer.getPodSelector().getMatchLabels(), Manifests.podLabels(member)))) {
                                problems.add(where + ": the project-only rule of " + Manifests.describe(policy)
                                        + " leaves out " + Manifests.describe(member) + ", a cluster member");
                            }
                        }
                    }
                }
                for (int port : cluster) {
                    if (open.contains(port) || open.contains(ALL_PORTS)) {
                        problems.add(where + ": cluster port " + port + " is reachable from outside the project");
                    }
                    if (!restricted.contains(port) && !restricted.contains(ALL_PORTS)) {
                        problems.add(where + ": cluster port " + port + " is not allowed from the project's pods");
                    }
                }
                Set<Integer> extra = new TreeSet<>(restricted);
                extra.removeAll(cluster);
                if (!extra.isEmpty()) {
                    problems.add(where + ": the project-only rule selects " + (extra.contains(ALL_PORTS) ? "all ports" : extra)
                            + ", not just the cluster ports " + cluster);
                }
                if (Manifests.role(d).equals("gateway")) {
                    PortChecks.port(c, "http").map(p -> p.getContainerPort()).filter(p -> !open.contains(p) && !open.contains(ALL_PORTS))
                            .ifPresent(p -> problems.add(where + ": the gateway's HTTP port " + p + " is not reachable"));
                }
            }
        }
        return problems;
    }

    private static boolean isMember(Deployment d) {
        return Manifests.containers(d).stream().anyMatch(c -> PortChecks.port(c, "hazelcast").isPresent());
    }

    private static boolean ingressPolicy(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        return types == null || types.isEmpty() ? policy.getSpec().getIngress() != null : types.contains("Ingress");
    }

    // A rule is project-only when it has sources and each is a same-namespace pod selector that picks
    // certstream pods; anything else (no sources, other namespaces, IP blocks) counts as open.
    private static boolean onlyProjectPods(NetworkPolicyIngressRule rule) {
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
            return false;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            if (peer.getIpBlock() != null || peer.getNamespaceSelector() != null || peer.getPodSelector() == null
                    || peer.getPodSelector().getMatchLabels() == null
                    || !"certstream".equals(peer.getPodSelector().getMatchLabels().get(Manifests.NAME_LABEL))) {
                return false;
            }
        }
        return true;
    }

    // The ports a rule opens on this container: numbers, named ports resolved on the container (a name
    // it lacks opens nothing), ranges through endPort, or every port when the rule lists none.
    private static Set<Integer> ports(NetworkPolicyIngressRule rule, Container c) {
        Set<Integer> ports = new TreeSet<>();
        if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
            ports.add(ALL_PORTS);
            return ports;
        }
        for (NetworkPolicyPort port : rule.getPorts()) {
            if (port.getPort() == null) {
                ports.add(ALL_PORTS);
            } else if (port.getPort().getIntVal() != null) {
                int from = port.getPort().getIntVal();
                int to = port.getEndPort() == null ? from : port.getEndPort();
                for (int p = from; p <= to; p++) {
                    ports.add(p);
                }
            } else {
                PortChecks.port(c, port.getPort().getStrVal()).ifPresent(p -> ports.add(p.getContainerPort()));
            }
        }
        return ports;
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        boolean empty = (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
        return empty || Manifests.selects(selector.getMatchLabels(), labels);
    }
}
