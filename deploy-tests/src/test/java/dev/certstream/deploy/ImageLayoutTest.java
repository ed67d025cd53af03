package dev.certstream.deploy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the image's real entrypoint and bin/certstream in a copy of the image's layout, with a stub
 * {@code java} that records its arguments: each role starts its own jar, always with the OOM exit.
 */
class ImageLayoutTest {

    private static final Logger LOG = LoggerFactory.getLogger(ImageLayoutTest.class);
    private static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir
    Path tempDir;
    private Path entrypoint;
    private Path javaArgs;
    private Path mvnCalls;

    @BeforeEach
    void buildLayout() throws IOException {
        Dockerfile dockerfile = Dockerfile.read(RepoRoot.get().resolve("Dockerfile"));
        entrypoint = ImageLayout.build(dockerfile, RepoRoot.get(), tempDir.resolve("image"));
        Path stubs = Files.createDirectories(tempDir.resolve("stubs"));
        javaArgs = tempDir.resolve("java-args");
        mvnCalls = tempDir.resolve("mvn-calls");
        ImageLayout.writeExecutable(stubs.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + javaArgs + "'\n");
        // The image has no Maven: bin/certstream must never try to build.
        ImageLayout.writeExecutable(stubs.resolve("mvn"), "#!/bin/sh\necho called >> '" + mvnCalls + "'\nexit 1\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"watcher", "broker", "gateway"})
    void eachRoleRunsItsOwnJarWithTheContainerFlags(String role) throws Exception {
        assertEquals(0, run(List.of(role), Map.of()));
        List<String> args = Files.readAllLines(javaArgs);
        assertTrue(args.contains("-XX:+ExitOnOutOfMemoryError"), args.toString());
        assertTrue(args.contains("-XX:MaxRAMPercentage=50"), args.toString());
        int jar = args.indexOf("-jar") + 1;
        assertTrue(jar > 0, args.toString());
        Path expected = tempDir.resolve("image/opt/certstream").resolve(role + "-verticle/target/" + role + "-verticle-" + VERSION + "-all.jar");
        assertEquals(expected.toString(), args.get(jar));
        assertTrue(Files.isRegularFile(expected));
        assertEquals(role.equals("watcher") ? List.of("watcher") : List.of(), args.subList(jar + 1, args.size()));
        assertFalse(Files.exists(mvnCalls), "bin/certstream tried to build inside the image");
    }

    @Test
    void aManifestsJavaOptsAddsToTheFlagsAndCanOverrideTheHeapShare() throws Exception {
        assertEquals(0, run(List.of("gateway"), Map.of("JAVA_OPTS", "-Xss1m -XX:MaxRAMPercentage=60")));
        List<String> args = Files.readAllLines(javaArgs);
        assertTrue(args.contains("-XX:+ExitOnOutOfMemoryError"), args.toString());
        assertTrue(args.indexOf("-Xss1m") > args.indexOf("-Xss512k"), "the manifest's value must come last: " + args);
        assertTrue(args.indexOf("-XX:MaxRAMPercentage=60") > args.indexOf("-XX:MaxRAMPercentage=50"),
                "the manifest's value must come last to win: " + args);
    }

    /** Shows the "never builds" assertion above can fail: a source file in the image triggers a build. */
    @Test
    void aSourceFileInTheImageWouldMakeItTryToBuild() throws Exception {
        Path pom = tempDir.resolve("image/opt/certstream/pom.xml");
        Files.writeString(pom, "<project/>");
        Path jar = tempDir.resolve("image/opt/certstream/broker-verticle/target/broker-verticle-" + VERSION + "-all.jar");
        pom.toFile().setLastModified(jar.toFile().lastModified() + 10_000);
        // Exit code not asserted: bin/certstream's failed-build exit happens inside $(jar_of ...), so it
        // goes on to exec java with an empty jar path (reported to the lead).
        run(List.of("broker"), Map.of());
        assertTrue(Files.exists(mvnCalls), "bin/certstream did not try to build");
    }

    @Test
    void anUnknownRoleIsRefusedWithoutStartingJava() throws Exception {
        assertEquals(2, run(List.of("run"), Map.of()));
        assertEquals(2, run(List.of(), Map.of()));
        assertFalse(Files.exists(javaArgs));
    }

    /** The JVM arguments the image starts a role with (through the stub java). */
    static List<String> roleArguments(Path tempDir, String role) throws Exception {
        ImageLayoutTest test = new ImageLayoutTest();
        test.tempDir = tempDir;
        test.buildLayout();
        if (test.run(List.of(role), Map.of()) != 0) {
            throw new IllegalStateException("the entrypoint failed for " + role);
        }
        return Files.readAllLines(test.javaArgs);
    }

    private int run(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(entrypoint.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tempDir.resolve("output").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", tempDir.resolve("stubs") + ":/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        // A deadline against a hung script only; it normally takes milliseconds.
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the entrypoint did not finish");
        }
        String output = Files.readString(tempDir.resolve("output"), StandardCharsets.UTF_8);
        if (!output.isBlank()) {
            LOG.info("entrypoint {} printed: {}", args, output.strip());
        }
        return process.exitValue();
    }
}
