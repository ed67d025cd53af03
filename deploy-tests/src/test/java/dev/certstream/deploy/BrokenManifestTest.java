package dev.certstream.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.List;
import java.util.stream.Stream;

import static dev.certstream.deploy.Mutation.ENV;
import static dev.certstream.deploy.Mutation.PORTS;
import static dev.certstream.deploy.Mutation.PROBES;
import static dev.certstream.deploy.Mutation.SELECTORS;
import static dev.certstream.deploy.Mutation.OVERLAY_SELECTORS;
import static dev.certstream.deploy.Mutation.UNKNOWN_FIELDS;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each check of fields, variables, ports, probes and references catches a mistake made on purpose. */
class BrokenManifestTest {

    private static final String W = "base/watcher-deployment.yaml";
    private static final String B = "base/broker-deployment.yaml";
    private static final String G = "base/gateway-deployment.yaml";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                m("typo containerPortt", W, "containerPort: 8080", "containerPortt: 8080", UNKNOWN_FIELDS, "[containerPortt]"),
                m("typo in a Service", "base/gateway-service.yaml", "  selector:", "  selectr:", UNKNOWN_FIELDS, "[selectr]"),
                m("unknown apiVersion", "base/gateway-hpa.yaml", "autoscaling/v2", "autoscaling/v3", UNKNOWN_FIELDS, "no typed model"),
                m("misspelt variable", W, "name: CERTSTREAM_LOG_LEVEL", "name: CERTSTREAM_LOG_LEVL", ENV,
                        "CERTSTREAM_LOG_LEVL is read by no configuration of the watcher"),
                m("another role's variable", G, "name: CERTSTREAM_MAX_CLIENTS", "name: CERTSTREAM_RING_SIZE", ENV,
                        "CERTSTREAM_RING_SIZE is read by no configuration of the gateway"),
                m("reference to an undefined variable", W, "name: POD_NAMESPACE", "name: POD_NS", ENV,
                        "refers to $(POD_NAMESPACE), which is not defined above it"),
                m("cluster host not the pod IP", B, "fieldPath: status.podIP", "fieldPath: metadata.name", ENV,
                        "CERTSTREAM_CLUSTER_HOST must come from the downward API"),
                m("PORT differs from the container port", G, "value: \"4000\"", "value: \"4001\"", PORTS,
                        "port 'http' is 4000 but PORT makes it listen on 4001"),
                m("event-bus port left at its ephemeral default", B, "            - name: CERTSTREAM_EVENTBUS_PORT\n              value: \"5710\"\n",
                        "", PORTS, "CERTSTREAM_EVENTBUS_PORT defaults to 0"),
                m("renamed container port", W, "name: hazelcast", "name: hz", PORTS, "no container port named 'hazelcast'"),
                m("undeclared extra port", W, "name: eventbus\n              containerPort: 5710",
                        "name: eventbus\n              containerPort: 5710\n            - name: debug\n              containerPort: 5005",
                        PORTS, "port 5005 ('debug') is configured by no variable"),
                m("readiness on a path nobody serves", W, "path: /ready", "path: /readyz", PROBES, "asks /readyz"),
                m("liveness on the Hazelcast port", W, "path: /health\n              port: http\n            periodSeconds: 10",
                        "path: /health\n              port: 5701\n            periodSeconds: 10", PROBES,
                        "livenessProbe probes port 5701, not the role's HTTP port 8080"),
                m("probe on a port name the container lacks", G, "path: /ready\n              port: http",
                        "path: /ready\n              port: web", PROBES, "readinessProbe port web is not a port of the container"),
                m("startup probe too short for the join", B, "failureThreshold: 24", "failureThreshold: 2", PROBES,
                        "startupProbe allows 10 s"),
                m("Service selecting no pods", "base/gateway-service.yaml", "component: gateway\n  ports",
                        "component: gatewy\n  ports", SELECTORS, "matches no Deployment's pods"),
                m("targetPort naming no container port", "base/hazelcast-service.yaml", "targetPort: hazelcast",
                        "targetPort: hazelcst", SELECTORS, "targetPort hazelcst is no container port"),
                m("headless Service hiding unready pods", "base/hazelcast-service.yaml", "publishNotReadyAddresses: true",
                        "publishNotReadyAddresses: false", SELECTORS, "needs publishNotReadyAddresses: true"),
                m("discovery Service missing a member", "base/hazelcast-service.yaml", "    app.kubernetes.io/name: certstream\n  ports",
                        "    app.kubernetes.io/name: certstream\n    app.kubernetes.io/component: gateway\n  ports",
                        SELECTORS, "does not select Deployment/certstream-watcher"),
                m("cluster DNS naming another Service", G, "certstream-hz.$(POD_NAMESPACE)", "certstream-hazelcast.$(POD_NAMESPACE)",
                        SELECTORS, "names Service 'certstream-hazelcast', which does not exist"),
                m("Deployment selector not matching its pods", B, "      app.kubernetes.io/component: broker\n  strategy",
                        "      app.kubernetes.io/component: brokers\n  strategy", SELECTORS, "does not match its pod labels"),
                m("Ingress backend on a missing port", "overlays/ingress/ingress.yaml", "name: http", "name: web",
                        OVERLAY_SELECTORS, "backend port"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void theCheckCatchesIt(String mistake, Mutation mutation, @TempDir Path tempDir) {
        mutation.assertCaught(tempDir);
    }

    @Test
    void aKustomizeFeatureTheRendererLacksIsRefused(@TempDir Path tempDir) {
        BrokenCopy copy = BrokenCopy.of(tempDir).replace("base/kustomization.yaml", "images:",
                "commonLabels:\n  team: ct\nimages:");
        IllegalStateException refused = assertThrows(IllegalStateException.class, copy::base);
        assertTrue(refused.getMessage().contains("'commonLabels'"), refused.getMessage());
    }

    @Test
    void aMutationThatMissesItsTextFailsInsteadOfPassing(@TempDir Path tempDir) {
        BrokenCopy copy = BrokenCopy.of(tempDir);
        assertThrows(IllegalStateException.class, () -> copy.replace(W, "no such text", "x"));
    }

    static Arguments m(String name, String file, String original, String broken,
                       Function<BrokenCopy, List<String>> check, String expected) {
        return Arguments.of(name, new Mutation(file, original, broken, check, expected));
    }
}
