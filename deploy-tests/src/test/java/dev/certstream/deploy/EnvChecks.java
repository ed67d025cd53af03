package dev.certstream.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every environment variable a manifest sets is one its role's configuration reads (or a helper that
 * only feeds a later {@code $(VAR)} reference), each reference has its variable defined above it
 * (Kubernetes leaves a forward reference as literal text), and the cluster host is the pod IP.
 */
final class EnvChecks {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private EnvChecks() {
    }

    /** Problems, one line each. */
    static List<String> check(Manifests manifests, ConfigSources sources) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : manifests.deployments()) {
            String role = Manifests.role(deployment);
            if (!ConfigSources.ROLES.contains(role)) {
                problems.add(Manifests.describe(deployment) + ": unknown role '" + role + "'");
                continue;
            }
            Set<String> known = sources.variablesReadBy(role);
            for (Container container : Manifests.containers(deployment)) {
                String where = Manifests.describe(deployment) + " container " + container.getName();
                if (container.getEnvFrom() != null && !container.getEnvFrom().isEmpty()) {
                    problems.add(where + ": envFrom hides variable names from these checks; list them in env");
                }
                List<EnvVar> env = container.getEnv() == null ? List.of() : container.getEnv();
                Set<String> referenced = new HashSet<>();
                Set<String> defined = new HashSet<>();
                for (EnvVar var : env) {
                    if (!defined.add(var.getName())) {
                        problems.add(where + ": " + var.getName() + " is set twice");
                    }
                    Matcher m = REFERENCE.matcher(var.getValue() == null ? "" : var.getValue());
                    while (m.find()) {
                        referenced.add(m.group(1));
                        if (!defined.contains(m.group(1)) || m.group(1).equals(var.getName())) {
                            problems.add(where + ": " + var.getName() + " refers to $(" + m.group(1)
                                    + "), which is not defined above it");
                        }
                    }
                }
                for (EnvVar var : env) {
                    String name = var.getName();
                    if (known.contains(name) || referenced.contains(name)) {
                        continue;
                    }
                    problems.add(where + ": " + name + " is read by no configuration of the " + role
                            + " (" + role + "-verticle, node-runtime *Config.java, logback XML, bin/certstream)");
                }
                problems.addAll(clusterHost(where, env));
            }
        }
        return problems;
    }

    // Hazelcast and the event bus must advertise an address other pods can reach: the pod IP.
    private static List<String> clusterHost(String where, List<EnvVar> env) {
        for (EnvVar var : env) {
            if (var.getName().equals("CERTSTREAM_CLUSTER_HOST")) {
                boolean podIp = var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null
                        && "status.podIP".equals(var.getValueFrom().getFieldRef().getFieldPath());
                return podIp ? List.of() : List.of(where + ": CERTSTREAM_CLUSTER_HOST must come from the downward API (status.podIP)");
            }
        }
        return List.of(where + ": CERTSTREAM_CLUSTER_HOST is not set; the pod would advertise a wrong address");
    }
}
