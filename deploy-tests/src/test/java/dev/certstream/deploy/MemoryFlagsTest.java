package dev.certstream.deploy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way the project starts a JVM bounds its memory: each role as the image starts it fits its
 * Deployment's memory limit, the embedded default (bin/certstream run) has explicit bounds, and the
 * README's budget names the same heap as the launcher.
 */
class MemoryFlagsTest {

    @TempDir
    Path tempDir;

    @Test
    void eachRoleInTheImageFitsItsDeploymentsMemoryLimit() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : Manifests.render(RepoRoot.base()).deployments()) {
            String role = Manifests.role(deployment);
            Quantity limit = Manifests.containers(deployment).get(0).getResources().getLimits().get("memory");
            List<String> args = ImageLayoutTest.roleArguments(Files.createDirectories(tempDir.resolve(role)), role);
            problems.addAll(MemoryFlagChecks.check(role, args, limit.getNumericalAmount().longValue()));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theEmbeddedDefaultHasExplicitBoundsAndTheReadmeSaysWhich() throws Exception {
        List<String> args = launcherFlags("run");
        assertEquals(List.of(), MemoryFlagChecks.check("run", args, 0));
        String xmx = MemoryFlagChecks.last(args, "-Xmx").orElseThrow();
        assertTrue(MemoryFlagChecks.bytes(xmx) <= 256L << 20, "the embedded default's heap fits its 256 MB budget: " + xmx);
        String readme = Files.readString(RepoRoot.get().resolve("README.md"));
        assertTrue(readme.contains("-Xmx" + xmx), "README's memory budget names -Xmx" + xmx);
        String direct = MemoryFlagChecks.last(args, "-XX:MaxDirectMemorySize=").orElseThrow();
        assertTrue(readme.contains("MaxDirectMemorySize=" + direct), "README names MaxDirectMemorySize=" + direct);
    }

    @Test
    void theChecksCatchAnUnboundedOrOversizedJvm() {
        List<String> flags = List.of("-XX:+ExitOnOutOfMemoryError", "-XX:MaxDirectMemorySize=128m",
                "-XX:MaxMetaspaceSize=96m", "-XX:ReservedCodeCacheSize=48m", "-Xss512k", "-XX:CICompilerCount=2",
                "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50");
        assertEquals(List.of(), MemoryFlagChecks.check("ok", flags, 1L << 30));
        assertFalse(MemoryFlagChecks.check("small pod", flags, 512L << 20).isEmpty(), "256 + 272 MiB > 512 MiB");
        List<String> unbounded = flags.stream().filter(f -> !f.startsWith("-XX:MaxRAMPercentage")).toList();
        assertFalse(MemoryFlagChecks.check("no heap bound", unbounded, 1L << 30).isEmpty());
        List<String> noDirect = flags.stream().filter(f -> !f.startsWith("-XX:MaxDirect")).toList();
        assertFalse(MemoryFlagChecks.check("no direct bound", noDirect, 1L << 30).isEmpty());
        assertEquals(160L << 20, MemoryFlagChecks.bytes("160m"));
    }

    /** What {@code bin/certstream flags ROLE} prints, split into arguments. */
    private List<String> launcherFlags(String role) throws Exception {
        Process process = new ProcessBuilder(RepoRoot.get().resolve("bin/certstream").toString(), "flags", role)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return Arrays.asList(out.split("\\s+"));
    }
}
