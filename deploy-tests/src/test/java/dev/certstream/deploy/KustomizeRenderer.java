package dev.certstream.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} would for the few features our manifests use
 * ({@code resources}, {@code images}, {@code namespace}) and refuses any other, so that what the tests
 * check is what a cluster would get.
 */
final class KustomizeRenderer {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "images", "namespace");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "IngressClass", "PriorityClass");

    private KustomizeRenderer() {
    }

    /** Every document the kustomization in {@code dir} produces, in order. */
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> kustomization = readSingle(dir.resolve("kustomization.yaml"));
        for (String key : kustomization.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalStateException(dir + "/kustomization.yaml uses '" + key
                        + "', which this renderer does not implement; keep the manifests to " + SUPPORTED);
            }
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object entry : list(kustomization.get("resources"))) {
            Path resource = dir.resolve((String) entry).normalize();
            if (Files.isDirectory(resource)) {
                docs.addAll(render(resource));
            } else if (Files.isRegularFile(resource)) {
                docs.addAll(readAll(resource));
            } else {
                throw new IllegalStateException(dir + "/kustomization.yaml lists a missing resource: " + entry);
            }
        }
        for (Object image : list(kustomization.get("images"))) {
            docs.forEach(doc -> retag(doc, Manifests.map(image)));
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            docs.stream().filter(doc -> !CLUSTER_SCOPED.contains(doc.get("kind")))
                    .forEach(doc -> Manifests.map(doc.get("metadata")).put("namespace", namespace));
        }
        return docs;
    }

    /** Every non-empty YAML document in a file. */
    static List<Map<String, Object>> readAll(Path file) {
        try (MappingIterator<Map<String, Object>> it = YAML.readerFor(new TypeReference<LinkedHashMap<String, Object>>() { })
                .readValues(file.toFile())) {
            List<Map<String, Object>> docs = new ArrayList<>();
            while (it.hasNext()) {
                Map<String, Object> doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The documents as one multi-document YAML text. */
    static String toYaml(List<Map<String, Object>> docs) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> doc : docs) {
            try {
                out.append(YAML.writeValueAsString(doc));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    private static Map<String, Object> readSingle(Path file) {
        List<Map<String, Object>> docs = readAll(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " must hold exactly one document");
        }
        return docs.get(0);
    }

    // Kustomize's images transformer: a container image whose name matches gets the new name and tag.
    private static void retag(Map<String, Object> doc, Map<String, Object> image) {
        Object spec = doc.get("spec");
        Object template = spec instanceof Map<?, ?> s ? s.get("template") : null;
        Object podSpec = template instanceof Map<?, ?> t ? t.get("spec") : null;
        if (!(podSpec instanceof Map<?, ?> pod)) {
            return;
        }
        for (String field : List.of("containers", "initContainers")) {
            for (Object container : list(pod.get(field))) {
                Map<String, Object> c = Manifests.map(container);
                String current = String.valueOf(c.get("image"));
                if (imageName(current).equals(image.get("name"))) {
                    String name = (String) image.getOrDefault("newName", image.get("name"));
                    Object digest = image.get("digest");
                    Object tag = image.get("newTag");
                    c.put("image", digest != null ? name + "@" + digest : tag != null ? name + ":" + tag : name);
                }
            }
        }
    }

    private static String imageName(String image) {
        String withoutDigest = image.split("@", 2)[0];
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
