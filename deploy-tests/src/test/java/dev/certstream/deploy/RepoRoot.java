package dev.certstream.deploy;

import dev.certstream.testing.TestData;

import java.nio.file.Path;

/** The checkout's root (as test-support finds it) and the Kustomize directories under it. */
final class RepoRoot {

    private RepoRoot() {
    }

    static Path get() {
        return TestData.root().toAbsolutePath();
    }

    static Path base() {
        return get().resolve("k8s/base");
    }

    static Path ingressOverlay() {
        return get().resolve("k8s/overlays/ingress");
    }
}
