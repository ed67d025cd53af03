package dev.certstream.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Liveness and startup probes ask {@code /health}, readiness asks {@code /ready}, all over HTTP on the
 * role's HTTP port; the startup probe leaves room for the JVM start and the ~10 s cluster join.
 */
final class ProbeChecks {

    /** Seconds a startup probe must allow: a measured ~7-10 s Hazelcast join, several times over on a busy node. */
    static final int MIN_STARTUP_SECONDS = 60;

    private ProbeChecks() {
    }

    static List<String> check(Manifests manifests, ConfigSources sources) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : manifests.deployments()) {
            String role = Manifests.role(deployment);
            for (Container container : Manifests.containers(deployment)) {
                String where = Manifests.describe(deployment) + " container " + container.getName();
                Optional<Integer> http = PortChecks.effectivePort(container, PortChecks.httpVariable(role), sources,
                        where, new ArrayList<>());
                probe(where, "livenessProbe", container.getLivenessProbe(), "/health", http, container, problems);
                probe(where, "startupProbe", container.getStartupProbe(), "/health", http, container, problems);
                probe(where, "readinessProbe", container.getReadinessProbe(), "/ready", http, container, problems);
                Probe startup = container.getStartupProbe();
                if (startup != null) {
                    int period = startup.getPeriodSeconds() == null ? 10 : startup.getPeriodSeconds();
                    int failures = startup.getFailureThreshold() == null ? 3 : startup.getFailureThreshold();
                    if (period * failures < MIN_STARTUP_SECONDS) {
                        problems.add(where + ": startupProbe allows " + period * failures + " s; the cluster join needs "
                                + MIN_STARTUP_SECONDS + " s of room");
                    }
                }
            }
        }
        return problems;
    }

    private static void probe(String where, String kind, Probe probe, String path, Optional<Integer> httpPort,
                              Container container, List<String> problems) {
        if (probe == null) {
            problems.add(where + ": no " + kind);
            return;
        }
        if (probe.getHttpGet() == null) {
            problems.add(where + ": " + kind + " must be an httpGet on " + path);
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            problems.add(where + ": " + kind + " asks " + probe.getHttpGet().getPath() + "; the deployables serve " + path);
        }
        Optional<Integer> port = PortChecks.resolve(container, probe.getHttpGet().getPort());
        if (port.isEmpty()) {
            problems.add(where + ": " + kind + " port " + probe.getHttpGet().getPort().getValue()
                    + " is not a port of the container");
        } else if (!port.equals(httpPort)) {
            problems.add(where + ": " + kind + " probes port " + port.get() + ", not the role's HTTP port "
                    + httpPort.map(String::valueOf).orElse("(unknown)"));
        }
    }
}
