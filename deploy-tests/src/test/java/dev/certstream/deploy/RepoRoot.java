package dev.certstream.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's root: the {@code certstream.root} property, else the first parent holding testdata/. */
final class RepoRoot {

    private RepoRoot() {
    }

    static Path get() {
        String configured = System.getProperty("certstream.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "testdata"))) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("testdata"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no testdata/ above " + Path.of("").toAbsolutePath());
    }

    static Path base() {
        return get().resolve("k8s/base");
    }

    static Path ingressOverlay() {
        return get().resolve("k8s/overlays/ingress");
    }
}
