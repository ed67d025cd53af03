package dev.certstream.systest.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Private copies of the jars the tests run: a JVM loads classes lazily from its jar, so a rebuild that
 * overwrites the jar under a running server breaks it with NoClassDefFoundError long after start.
 * One copy per jar version (path, size, modification time) per test JVM, deleted when it exits.
 */
public final class JarCopies {

    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

    private JarCopies() {
    }

    public static Path stableCopyOf(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no jar at " + jar + ": build it first (mvn -pl system-tests -am verify builds it)");
        }
        try {
            String version = jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
            return COPIES.computeIfAbsent(version, key -> copy(jar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(Path jar) {
        try {
            Path dir = Files.createTempDirectory("certstream-jar-");
            Path copy = dir.resolve(jar.getFileName());
            Files.copy(jar, copy, StandardCopyOption.COPY_ATTRIBUTES);
            // Deleted in reverse order of registration: the file first, then its directory.
            dir.toFile().deleteOnExit();
            copy.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar, e);
        }
    }
}
