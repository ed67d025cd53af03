package dev.certstream.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One deliberate mistake (a text edit of one file in a copy of k8s/) and the check that must report
 * it with a problem containing {@code expected}.
 */
record Mutation(String file, String original, String broken, Function<BrokenCopy, List<String>> check, String expected) {

    static final Function<BrokenCopy, List<String>> UNKNOWN_FIELDS = c -> RenderTest.unknownFields(c.base());
    static final Function<BrokenCopy, List<String>> ENV = c -> EnvChecks.check(c.base(), sources());
    static final Function<BrokenCopy, List<String>> PORTS = c -> PortChecks.check(c.base(), sources());
    static final Function<BrokenCopy, List<String>> PROBES = c -> ProbeChecks.check(c.base(), sources());
    static final Function<BrokenCopy, List<String>> SELECTORS = c -> SelectorChecks.check(c.base());
    static final Function<BrokenCopy, List<String>> OVERLAY_SELECTORS = c -> SelectorChecks.check(c.ingressOverlay());
    static final Function<BrokenCopy, List<String>> TARGETS = c -> TargetChecks.check(c.base());
    static final Function<BrokenCopy, List<String>> POD_SPEC = c -> PodSpecChecks.check(c.base());
    static final Function<BrokenCopy, List<String>> NETWORK = c -> NetworkPolicyChecks.check(c.base());

    static ConfigSources sources() {
        return new ConfigSources(RepoRoot.get());
    }

    /** Applies the mistake to a fresh copy under {@code tempDir} and asserts the check reports it. */
    void assertCaught(Path tempDir) {
        BrokenCopy copy = BrokenCopy.of(tempDir).replace(file, original, broken);
        List<String> problems = check.apply(copy);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                () -> "expected a problem containing '" + expected + "', got " + problems);
    }
}
