package dev.certstream.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every consistency check passes on the base and on the ingress overlay as they are in the repository. */
class ConsistencyTest {


    static List<Path> kustomizations() {
        return List.of(RepoRoot.base(), RepoRoot.ingressOverlay());
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void portsMatchTheirVariables(Path dir) {
        assertEquals(List.of(), PortChecks.check(Manifests.render(dir), new ConfigSources(RepoRoot.get())));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void probesAskTheHealthRoutesOnTheHttpPort(Path dir) {
        assertEquals(List.of(), ProbeChecks.check(Manifests.render(dir), new ConfigSources(RepoRoot.get())));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void selectorsAndReferencesLineUp(Path dir) {
        assertEquals(List.of(), SelectorChecks.check(Manifests.render(dir)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void budgetsAndAutoscalerTargetRealDeployments(Path dir) {
        assertEquals(List.of(), TargetChecks.check(Manifests.render(dir)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void podsAreHardenedAndSized(Path dir) {
        assertEquals(List.of(), PodSpecChecks.check(Manifests.render(dir)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void onlyTheProjectReachesTheClusterPorts(Path dir) {
        assertEquals(List.of(), NetworkPolicyChecks.check(Manifests.render(dir)));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyVariableSetIsOneTheRoleReads(Path dir) {
        ConfigSources sources = new ConfigSources(RepoRoot.get());
        assertEquals(List.of(), EnvChecks.check(Manifests.render(dir), sources));
    }
}
