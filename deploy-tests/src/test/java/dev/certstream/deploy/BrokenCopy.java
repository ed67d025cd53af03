package dev.certstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A copy of the k8s/ tree with one deliberate mistake in it, to show that a check catches that mistake.
 * The edit must change the file: a mutation that silently misses would prove nothing.
 */
final class BrokenCopy {

    private final Path k8s;

    private BrokenCopy(Path k8s) {
        this.k8s = k8s;
    }

    /** Copies the repository's k8s/ under {@code tempDir}. */
    static BrokenCopy of(Path tempDir) {
        Path source = RepoRoot.get().resolve("k8s");
        Path target = tempDir.resolve("k8s");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BrokenCopy(target);
    }

    /** Replaces the first occurrence of {@code original} in {@code file} (relative to k8s/). */
    BrokenCopy replace(String file, String original, String broken) {
        Path path = k8s.resolve(file);
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            int at = text.indexOf(original);
            if (at < 0) {
                throw new IllegalStateException("the mutation did not apply: " + file + " has no '" + original + "'");
            }
            Files.writeString(path, text.substring(0, at) + broken + text.substring(at + original.length()),
                    StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Manifests base() {
        return Manifests.render(k8s.resolve("base"));
    }

    Manifests ingressOverlay() {
        return Manifests.render(k8s.resolve("overlays/ingress"));
    }

    Path root() {
        return k8s;
    }
}
