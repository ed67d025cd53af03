package dev.certstream.deploy;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static dev.certstream.deploy.BrokenManifestTest.m;
import static dev.certstream.deploy.Mutation.NETWORK;
import static dev.certstream.deploy.Mutation.POD_SPEC;
import static dev.certstream.deploy.Mutation.TARGETS;

/** Each check of budgets, autoscaling, pod hardening and the NetworkPolicy catches a mistake made on purpose. */
class BrokenPolicyTest {

    private static final String W = "base/watcher-deployment.yaml";
    private static final String B = "base/broker-deployment.yaml";
    private static final String G = "base/gateway-deployment.yaml";
    private static final String PDB = "base/poddisruptionbudgets.yaml";
    private static final String NP = "base/networkpolicy.yaml";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                m("budget selecting no Deployment", PDB, "component: watcher\n---", "component: watchr\n---", TARGETS,
                        "selects 0 Deployments"),
                m("budget that blocks drains", PDB, "minAvailable: 1", "minAvailable: 2", TARGETS, "node drains would hang"),
                m("autoscaler aimed at a missing Deployment", "base/gateway-hpa.yaml", "name: certstream-gateway\n  minReplicas",
                        "name: certstream-gateways\n  minReplicas", TARGETS, "is not a Deployment of these manifests"),
                m("single watcher", W, "replicas: 2", "replicas: 1", TARGETS, "runs 1 pod(s)"),
                m("replicas fighting the autoscaler", G, "spec:\n  revisionHistoryLimit", "spec:\n  replicas: 2\n  revisionHistoryLimit",
                        TARGETS, "sets replicas although"),
                m("writable root filesystem", G, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", POD_SPEC,
                        "securityContext needs allowPrivilegeEscalation false, readOnlyRootFilesystem true"),
                m("root user", W, "runAsUser: 10001", "runAsUser: 0", POD_SPEC, "runAsUser 10001"),
                m("capabilities kept", B, "drop: [\"ALL\"]", "drop: [\"NET_RAW\"]", POD_SPEC, "drop ALL"),
                m("no memory limit", B, "              cpu: \"1\"\n              memory: 768Mi\n", "              cpu: \"1\"\n",
                        POD_SPEC, "needs a memory request and limit"),
                m("request above limit", W, "cpu: 500m", "cpu: \"3\"", POD_SPEC, "cpu request 3 exceeds its limit 2"),
                m("/tmp not mounted", B, "mountPath: /tmp", "mountPath: /scratch", POD_SPEC, "/tmp must be a writable emptyDir"),
                m("data dir not mounted", W, "mountPath: /var/lib/certstream", "mountPath: /var/lib/other", POD_SPEC,
                        "/var/lib/certstream must be a writable emptyDir"),
                m("service links on", G, "enableServiceLinks: false", "enableServiceLinks: true", POD_SPEC, "enableServiceLinks must be false"),
                m("API token mounted", W, "automountServiceAccountToken: false", "automountServiceAccountToken: true", POD_SPEC,
                        "automountServiceAccountToken must be false"),
                m("no spread over nodes", B, "topologyKey: kubernetes.io/hostname", "topologyKey: kubernetes.io/os", POD_SPEC,
                        "no topology spread over kubernetes.io/hostname"),
                m("short grace period", W, "terminationGracePeriodSeconds: 60", "terminationGracePeriodSeconds: 5", POD_SPEC,
                        "terminationGracePeriodSeconds must be at least"),
                m("cluster ports open to all", NP, "    - from:\n        - podSelector:\n            matchLabels:\n"
                        + "              app.kubernetes.io/name: certstream\n      ports:", "    - ports:", NETWORK,
                        "cluster port 5701 is reachable from outside the project"),
                m("project rule opening more than the cluster ports", NP, "          port: 5710\n",
                        "          port: 5710\n        - protocol: TCP\n          port: 8080\n", NETWORK,
                        "the project-only rule selects [8080], not just the cluster ports"),
                m("event-bus port not allowed", NP, "port: 5710", "port: 5711", NETWORK, "cluster port 5710 is not allowed"),
                m("gateway port closed", NP, "port: http", "port: https", NETWORK, "the gateway's HTTP port 4000 is not reachable"),
                m("policy selecting no pods", NP, "  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: certstream",
                        "  podSelector:\n    matchLabels:\n      app.kubernetes.io/name: other", NETWORK, "no NetworkPolicy selects these pods"),
                m("project rule that leaves a member out", NP, "              app.kubernetes.io/name: certstream\n      ports",
                        "              app.kubernetes.io/name: certstream\n              app.kubernetes.io/component: broker\n      ports",
                        NETWORK, "leaves out Deployment/certstream-watcher, a cluster member"),
                m("cluster ports open to another namespace", NP, "        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: certstream\n      ports",
                        "        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: certstream\n          namespaceSelector: {}\n      ports",
                        NETWORK, "cluster port 5710 is reachable from outside the project"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void theCheckCatchesIt(String mistake, Mutation mutation, @TempDir Path tempDir) {
        mutation.assertCaught(tempDir);
    }
}
