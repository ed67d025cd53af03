package dev.certstream.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The base and the ingress overlay render, and fabric8 types every field of every document. */
class RenderTest {

    @Test
    void baseRendersTheExpectedResources() {
        Manifests base = Manifests.render(RepoRoot.base());
        Set<String> names = base.all().stream().map(Manifests::describe).collect(Collectors.toSet());
        assertEquals(Set.of("ServiceAccount/certstream", "Service/certstream-hz", "Service/certstream-gateway",
                "Deployment/certstream-watcher", "Deployment/certstream-broker", "Deployment/certstream-gateway",
                "HorizontalPodAutoscaler/certstream-gateway", "PodDisruptionBudget/certstream-watcher",
                "PodDisruptionBudget/certstream-broker", "PodDisruptionBudget/certstream-gateway",
                "NetworkPolicy/certstream"), names);
        assertEquals(names.size(), base.all().size(), "no resource may be listed twice");
    }

    @Test
    void everyDocumentIsATypedObjectWithoutUnknownFields() {
        for (Path dir : List.of(RepoRoot.base(), RepoRoot.ingressOverlay())) {
            List<String> problems = unknownFields(Manifests.render(dir));
            assertEquals(List.of(), problems, "typos or foreign fields in " + dir);
        }
    }

    @Test
    void theImageIsNamedOnceAndEveryRoleRunsIt() {
        Manifests base = Manifests.render(RepoRoot.base());
        Set<String> images = base.deployments().stream().flatMap(d -> Manifests.containers(d).stream())
                .map(c -> c.getImage()).collect(Collectors.toSet());
        assertEquals(Set.of("certstream:0.1.0-SNAPSHOT"), images);
    }

    @Test
    void overlayPutsEveryNamespacedResourceInItsNamespace() {
        Manifests overlay = Manifests.render(RepoRoot.ingressOverlay());
        for (HasMetadata resource : overlay.all()) {
            String expected = resource.getKind().equals("Namespace") ? null : "certstream";
            assertEquals(expected, resource.getMetadata().getNamespace(), Manifests.describe(resource));
        }
        assertTrue(overlay.find(io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "certstream").isPresent());
        assertEquals(3, overlay.all(Deployment.class).size());
    }

    /** Unknown fields anywhere, and documents fabric8 could only read as untyped. */
    static List<String> unknownFields(Manifests manifests) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata resource : manifests.all()) {
            if (resource instanceof GenericKubernetesResource) {
                problems.add(Manifests.describe(resource) + ": no typed model for " + resource.getApiVersion()
                        + " " + resource.getKind());
            }
            problems.addAll(AdditionalPropertiesFinder.find(resource, Manifests.describe(resource)));
        }
        return problems;
    }
}
