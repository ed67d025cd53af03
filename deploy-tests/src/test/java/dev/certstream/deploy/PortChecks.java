package dev.certstream.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The container ports a manifest declares are the ports the process listens on: each named port
 * against the variable that configures it (or that variable's default when unset).
 */
final class PortChecks {

    private PortChecks() {
    }

    /** The variable that sets a role's HTTP port: the gateway's public PORT, the others' health port. */
    static String httpVariable(String role) {
        return role.equals("gateway") ? "PORT" : "CERTSTREAM_HEALTH_PORT";
    }

    /** Port name to the variable that configures it, for a role's container. */
    static Map<String, String> expectedPorts(String role) {
        Map<String, String> ports = new LinkedHashMap<>();
        ports.put("http", httpVariable(role));
        ports.put("hazelcast", "CERTSTREAM_CLUSTER_PORT");
        ports.put("eventbus", "CERTSTREAM_EVENTBUS_PORT");
        return ports;
    }

    static List<String> check(Manifests manifests, ConfigSources sources) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : manifests.deployments()) {
            String role = Manifests.role(deployment);
            Map<String, String> expected = expectedPorts(role);
            for (Container container : Manifests.containers(deployment)) {
                String where = Manifests.describe(deployment) + " container " + container.getName();
                for (Map.Entry<String, String> entry : expected.entrySet()) {
                    String variable = entry.getValue();
                    Optional<Integer> listening = effectivePort(container, variable, sources, where, problems);
                    if (listening.isEmpty()) {
                        continue;
                    }
                    Optional<ContainerPort> declared = port(container, entry.getKey());
                    if (declared.isEmpty()) {
                        problems.add(where + ": no container port named '" + entry.getKey() + "' although "
                                + variable + " makes it listen on " + listening.get());
                    } else if (!Objects.equals(declared.get().getContainerPort(), listening.get())) {
                        problems.add(where + ": port '" + entry.getKey() + "' is " + declared.get().getContainerPort()
                                + " but " + variable + " makes it listen on " + listening.get());
                    }
                }
                for (ContainerPort port : ports(container)) {
                    if (!expected.containsKey(port.getName())) {
                        problems.add(where + ": port " + port.getContainerPort() + " ('" + port.getName()
                                + "') is configured by no variable; expected names " + expected.keySet());
                    }
                    if (port.getProtocol() != null && !port.getProtocol().equals("TCP")) {
                        problems.add(where + ": port '" + port.getName() + "' must be TCP");
                    }
                }
            }
        }
        return problems;
    }

    /** The port the process will listen on for {@code variable}: its literal value, else its default. */
    static Optional<Integer> effectivePort(Container container, String variable, ConfigSources sources,
                                           String where, List<String> problems) {
        EnvVar var = env(container, variable).orElse(null);
        int port;
        if (var == null) {
            port = sources.portDefault(variable);
        } else if (var.getValue() == null) {
            problems.add(where + ": " + variable + " must be a literal value so its port can be declared");
            return Optional.empty();
        } else {
            try {
                port = Integer.parseInt(var.getValue().trim());
            } catch (NumberFormatException e) {
                problems.add(where + ": " + variable + "=" + var.getValue() + " is not a port number");
                return Optional.empty();
            }
        }
        if (port <= 0 || port > 65535) {
            problems.add(where + ": " + variable + (var == null ? " defaults to " : " is ") + port
                    + "; a pod needs a fixed port between 1 and 65535");
            return Optional.empty();
        }
        return Optional.of(port);
    }

    static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv() == null ? Optional.empty()
                : container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    static List<ContainerPort> ports(Container container) {
        return container.getPorts() == null ? List.of() : container.getPorts();
    }

    static Optional<ContainerPort> port(Container container, String name) {
        return ports(container).stream().filter(p -> Objects.equals(p.getName(), name)).findFirst();
    }

    /** A port reference (name or number) as the number it means on this container, if it means one. */
    static Optional<Integer> resolve(Container container, IntOrString reference) {
        if (reference == null) {
            return Optional.empty();
        }
        if (reference.getIntVal() != null) {
            int number = reference.getIntVal();
            return ports(container).stream().map(ContainerPort::getContainerPort)
                    .filter(p -> Objects.equals(p, number)).findFirst();
        }
        return port(container, reference.getStrVal()).map(ContainerPort::getContainerPort);
    }
}
