package dev.certstream.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rendered kustomization: the raw documents (for the schema validator) and the same documents parsed
 * by fabric8 into typed Kubernetes objects (for everything else).
 */
final class Manifests {

    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<Map<String, Object>> raw;
    private final List<HasMetadata> typed;

    private Manifests(List<Map<String, Object>> raw, List<HasMetadata> typed) {
        this.raw = raw;
        this.typed = typed;
    }

    /** Renders the kustomization in {@code dir} and parses every document. */
    static Manifests render(Path dir) {
        List<Map<String, Object>> raw = KustomizeRenderer.render(dir);
        List<HasMetadata> typed = raw.stream()
                .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(SERIALIZATION.asJson(doc)))
                .toList();
        return new Manifests(List.copyOf(raw), typed);
    }

    List<Map<String, Object>> raw() {
        return raw;
    }

    List<HasMetadata> all() {
        return typed;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return typed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> Objects.equals(r.getMetadata().getName(), name)).findFirst();
    }

    /** The role a Deployment runs: its pod template's component label (watcher, broker, gateway). */
    static String role(Deployment deployment) {
        Map<String, String> labels = podLabels(deployment);
        return labels.getOrDefault(COMPONENT_LABEL, "<no " + COMPONENT_LABEL + ">");
    }

    static Map<String, String> podLabels(Deployment deployment) {
        Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    static List<Container> containers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers();
    }

    /** "Kind/name", how problems name a resource. */
    static String describe(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getName();
    }

    /** True when every selector label is on the pod (an empty selector selects nothing here). */
    static boolean selects(Map<String, String> selector, Map<String, String> podLabels) {
        return selector != null && !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
