package dev.certstream.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every rendered document passes the Kubernetes JSON schemas of npm kubernetes-models, a stricter pass
 * on types and required fields than fabric8's parsing. Skipped, with the reason, when node or the npm
 * packages are missing, unless CERTSTREAM_REQUIRE_SYSTEM_DEPS is set.
 */
class SchemaValidationTest {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaValidationTest.class);

    private final SchemaValidator validator = new SchemaValidator(RepoRoot.get());

    @BeforeEach
    void requireNode() {
        Optional<String> missing = validator.unavailable();
        if (missing.isEmpty()) {
            return;
        }
        String required = System.getenv("CERTSTREAM_REQUIRE_SYSTEM_DEPS");
        if (required != null && !required.isBlank()) {
            fail("CERTSTREAM_REQUIRE_SYSTEM_DEPS is set but the schema validator cannot run: " + missing.get());
        }
        LOG.warn("skipping the schema validation: {}", missing.get());
        Assumptions.abort("schema validation skipped: " + missing.get());
    }

    @Test
    void baseAndOverlayPassTheSchemas() throws IOException {
        Path out = Files.createDirectories(RepoRoot.get().resolve("deploy-tests/target/rendered"));
        for (Map.Entry<String, Path> entry : Map.of("base", RepoRoot.base(), "ingress", RepoRoot.ingressOverlay()).entrySet()) {
            List<Map<String, Object>> docs = KustomizeRenderer.render(entry.getValue());
            Path file = out.resolve(entry.getKey() + ".yaml");
            Files.writeString(file, KustomizeRenderer.toYaml(docs));
            SchemaValidator.Result result = validator.validate(List.of(file));
            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains(docs.size() + " valid, 0 invalid"), result.output());
        }
    }

    @Test
    void wrongTypesAndMissingRequiredFieldsAreCaught(@TempDir Path tempDir) throws IOException {
        BrokenCopy copy = BrokenCopy.of(tempDir)
                .replace("base/watcher-deployment.yaml", "replicas: 2", "replicas: \"two\"")
                .replace("base/broker-deployment.yaml", "containerPort: 8080", "containerPortt: 8080");
        Path file = tempDir.resolve("broken.yaml");
        Files.writeString(file, KustomizeRenderer.toYaml(KustomizeRenderer.render(copy.root().resolve("base"))));
        SchemaValidator.Result result = validator.validate(List.of(file));
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("Deployment/certstream-watcher: data/spec/replicas must be integer"), result.output());
        assertTrue(result.output().contains("must have required property 'containerPort'")
                || result.output().contains("must have required property containerPort"), result.output());
    }

    @Test
    void aKindWithoutSchemaIsAFailureNotASilentPass(@TempDir Path tempDir) throws IOException {
        Path file = tempDir.resolve("unknown.yaml");
        Files.writeString(file, "apiVersion: autoscaling/v3\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: x\n");
        SchemaValidator.Result result = validator.validate(List.of(file));
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("no schema for this apiVersion and kind"), result.output());
    }
}
