package dev.certstream.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dockerfile as far as it can be checked without a Docker engine: the stages the brief names, the
 * build producing every jar the image copies, a numeric non-root user, and ports and data dir that
 * agree with the manifests. ImageLayoutTest runs the entrypoint in a copy of the image's layout.
 */
class ContainerImageTest {

    private final Dockerfile dockerfile = Dockerfile.read(RepoRoot.get().resolve("Dockerfile"));

    @Test
    void buildsWithMavenAndRunsOnTheJre() {
        assertEquals(2, dockerfile.stages().size());
        Dockerfile.Stage build = dockerfile.stages().get(0);
        assertEquals("maven:3.9-eclipse-temurin-17", build.image());
        assertEquals("build", build.name());
        String run = build.last("RUN");
        assertTrue(run.contains("mvn -B -DskipTests") && run.endsWith(" package"), run);
        assertEquals("eclipse-temurin:17-jre", dockerfile.last().image());
    }

    @Test
    void runsAsTheUidTheManifestsRequire() {
        assertEquals(PodSpecChecks.UID + ":" + PodSpecChecks.UID, dockerfile.last().last("USER"));
        assertTrue(dockerfile.last().last("RUN").contains("--uid " + PodSpecChecks.UID));
    }

    @Test
    void everyCopiedJarIsOneTheBuildStageBuilds() throws IOException {
        String run = dockerfile.stages().get(0).last("RUN");
        Set<String> built = Set.of(run.replaceAll(".*-pl (\\S+).*", "$1").split(","));
        List<String> withoutShade = new java.util.ArrayList<>();
        for (String module : ImageLayout.copiedJarModules(dockerfile)) {
            assertTrue(built.contains(module), module + " is copied but not in the build's -pl " + built);
            String pom = Files.readString(RepoRoot.get().resolve(module).resolve("pom.xml"));
            if (!pom.contains("maven-shade-plugin") || !pom.contains("<certstream.main>")) {
                withoutShade.add(module);
            }
        }
        assertEquals(Set.of("watcher-verticle", "broker-verticle", "gateway-verticle"),
                Set.copyOf(ImageLayout.copiedJarModules(dockerfile)));
        assertEquals(List.of(), withoutShade, "modules whose pom builds no -all.jar");
    }

    @Test
    void exposesThePortsTheManifestsDeclare() {
        Set<Integer> exposed = dockerfile.last().all("EXPOSE").stream().flatMap(i -> i.words().stream())
                .map(Integer::parseInt).collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> declared = Manifests.render(RepoRoot.base()).deployments().stream()
                .flatMap(d -> Manifests.containers(d).stream()).flatMap(c -> PortChecks.ports(c).stream())
                .map(p -> p.getContainerPort()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, exposed);
    }

    @Test
    void theImageDataDirIsTheOneTheWatcherMounts() {
        String env = dockerfile.last().last("ENV");
        String watcherDir = Manifests.render(RepoRoot.base()).deployments().stream()
                .filter(d -> Manifests.role(d).equals("watcher")).flatMap(d -> Manifests.containers(d).stream())
                .map(c -> PortChecks.env(c, "CERTSTREAM_DATA_DIR").orElseThrow().getValue()).findFirst().orElseThrow();
        assertEquals("CERTSTREAM_DATA_DIR=" + watcherDir, env);
        assertTrue(dockerfile.last().last("RUN").contains("chown 10001:10001 " + watcherDir));
    }
}
