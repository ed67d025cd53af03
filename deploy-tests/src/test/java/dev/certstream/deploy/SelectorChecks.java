package dev.certstream.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Labels and references line up: Deployments select their own pods, Services select some Deployment's
 * pods and target ports those pods declare, the Hazelcast DNS name is a headless Service covering every
 * cluster member, and Ingress backends name real Service ports.
 */
final class SelectorChecks {

    private SelectorChecks() {
    }

    static List<String> check(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        manifests.deployments().forEach(d -> deployment(d, problems));
        manifests.all(Service.class).forEach(s -> service(s, manifests, problems));
        clusterDns(manifests, problems);
        manifests.all(Ingress.class).forEach(i -> ingress(i, manifests, problems));
        return problems;
    }

    /** The Deployments whose pods a label selector picks. */
    static List<Deployment> selected(Manifests manifests, Map<String, String> selector) {
        return manifests.deployments().stream().filter(d -> Manifests.selects(selector, Manifests.podLabels(d))).toList();
    }

    private static void deployment(Deployment d, List<String> problems) {
        String where = Manifests.describe(d);
        Map<String, String> pod = Manifests.podLabels(d);
        if (!"certstream".equals(pod.get(Manifests.NAME_LABEL)) || !ConfigSources.ROLES.contains(pod.get(Manifests.COMPONENT_LABEL))) {
            problems.add(where + ": pod labels need " + Manifests.NAME_LABEL + "=certstream and "
                    + Manifests.COMPONENT_LABEL + " one of " + ConfigSources.ROLES + ", got " + pod);
        }
        var selector = d.getSpec().getSelector();
        if (selector == null || selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            problems.add(where + ": the selector must be matchLabels only");
        } else if (!Manifests.selects(selector.getMatchLabels(), pod)) {
            problems.add(where + ": selector " + selector.getMatchLabels() + " does not match its pod labels " + pod);
        }
    }

    private static void service(Service service, Manifests manifests, List<String> problems) {
        String where = Manifests.describe(service);
        List<Deployment> targets = selected(manifests, service.getSpec().getSelector());
        if (targets.isEmpty()) {
            problems.add(where + ": selector " + service.getSpec().getSelector() + " matches no Deployment's pods");
            return;
        }
        for (ServicePort port : service.getSpec().getPorts()) {
            IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
            for (Deployment d : targets) {
                boolean declared = Manifests.containers(d).stream()
                        .anyMatch(c -> PortChecks.resolve(c, target).isPresent());
                if (!declared) {
                    problems.add(where + ": targetPort " + target.getValue() + " is no container port of "
                            + Manifests.describe(d));
                }
            }
        }
    }

    // CERTSTREAM_CLUSTER_DNS names a Service; it must be headless, publish unready pods (they must find
    // each other before they are ready) and cover every pod that runs a Hazelcast member.
    private static void clusterDns(Manifests manifests, List<String> problems) {
        for (Deployment d : manifests.deployments()) {
            for (Container c : Manifests.containers(d)) {
                Optional<String> dns = PortChecks.env(c, "CERTSTREAM_CLUSTER_DNS").map(v -> v.getValue());
                if (dns.isEmpty() || dns.get() == null) {
                    problems.add(Manifests.describe(d) + ": CERTSTREAM_CLUSTER_DNS is not set; members would not find each other");
                    continue;
                }
                String name = dns.get().split("\\.", 2)[0];
                Optional<Service> service = manifests.find(Service.class, name);
                if (service.isEmpty()) {
                    problems.add(Manifests.describe(d) + ": CERTSTREAM_CLUSTER_DNS names Service '" + name + "', which does not exist");
                    continue;
                }
                String where = Manifests.describe(service.get());
                if (!"None".equals(service.get().getSpec().getClusterIP())) {
                    problems.add(where + ": must be headless (clusterIP: None) for DNS discovery");
                }
                if (!Boolean.TRUE.equals(service.get().getSpec().getPublishNotReadyAddresses())) {
                    problems.add(where + ": needs publishNotReadyAddresses: true");
                }
                for (Deployment member : manifests.deployments()) {
                    boolean runsHazelcast = Manifests.containers(member).stream()
                            .anyMatch(mc -> PortChecks.port(mc, "hazelcast").isPresent());
                    if (runsHazelcast && !Manifests.selects(service.get().getSpec().getSelector(), Manifests.podLabels(member))) {
                        problems.add(where + ": does not select " + Manifests.describe(member) + ", a Hazelcast member");
                    }
                }
            }
        }
    }

    private static void ingress(Ingress ingress, Manifests manifests, List<String> problems) {
        String where = Manifests.describe(ingress);
        for (IngressRule rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                IngressServiceBackend backend = path.getBackend().getService();
                Optional<Service> service = manifests.find(Service.class, backend.getName());
                if (service.isEmpty()) {
                    problems.add(where + ": backend Service '" + backend.getName() + "' does not exist");
                    continue;
                }
                boolean portExists = service.get().getSpec().getPorts().stream().anyMatch(p ->
                        backend.getPort().getName() != null ? Objects.equals(p.getName(), backend.getPort().getName())
                                : Objects.equals(p.getPort(), backend.getPort().getNumber()));
                if (!portExists) {
                    problems.add(where + ": backend port " + backend.getPort() + " is not a port of " + Manifests.describe(service.get()));
                }
            }
        }
    }
}
