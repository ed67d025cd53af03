package dev.certstream.systest.process;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout, the jars under test, the Node scripts and this module's build output are. */
public final class RepoPaths {

    private RepoPaths() {
    }

    /** The checkout root: the {@code certstream.root} property, else the nearest ancestor holding testdata/. */
    public static Path root() {
        String property = System.getProperty("certstream.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the checkout root: set -Dcertstream.root");
    }

    /** The embedded server's fat jar (bin/certstream run). */
    public static Path serverJar() {
        String property = System.getProperty("certstream.server.jar");
        return property != null ? Path.of(property)
                : root().resolve("certstream-server/target/certstream-server-0.1.0-SNAPSHOT-all.jar");
    }

    /**
     * A module's runnable fat jar ({@code <module>/target/<module>-<version>-all.jar}); the version is
     * whatever the build produced, so this needs no property from the POM.
     */
    public static Path fatJar(String module) {
        Path dir = root().resolve(module).resolve("target");
        try (var jars = Files.list(dir)) {
            return jars.filter(p -> p.getFileName().toString().startsWith(module + "-")
                            && p.getFileName().toString().endsWith("-all.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no fat jar in " + dir + ": build it first (mvn -B -q -DskipTests install)"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no fat jar for " + module + " (" + e + "): build it first"
                    + " (mvn -B -q -DskipTests install)", e);
        }
    }

    /** system-tests/target: logs, screenshots and script output land here. */
    public static Path target() {
        String property = System.getProperty("certstream.systest.target");
        return property != null ? Path.of(property) : root().resolve("system-tests/target");
    }

    /** Per-process logs, one file per test's process. */
    public static Path logs() {
        return target().resolve("process-logs");
    }

    /** The Node scripts and their node_modules. */
    public static Path js() {
        return root().resolve("system-tests/js");
    }
}
