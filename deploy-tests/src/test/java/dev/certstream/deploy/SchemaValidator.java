package dev.certstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs deploy-tests/js/validate-manifests.mjs (kubernetes-models' JSON schemas) over YAML files, and
 * says why it cannot when node or the npm packages are missing.
 */
final class SchemaValidator {

    /** Exit code and combined output of one validator run. */
    record Result(int exitCode, String output) {
    }

    // A deadline against a hung process only; a normal run takes about a second.
    private static final long DEADLINE_SECONDS = 300;

    private final Path js;

    SchemaValidator(Path repoRoot) {
        this.js = repoRoot.resolve("deploy-tests/js");
    }

    /** Why the validator cannot run here, or empty when it can. */
    Optional<String> unavailable() {
        try {
            Result version = run(List.of("node", "--version"));
            if (version.exitCode() != 0) {
                return Optional.of("node --version failed: " + version.output());
            }
        } catch (UncheckedIOException e) {
            return Optional.of("node is not installed (" + e.getCause().getMessage() + ")");
        }
        for (String module : List.of("kubernetes-models", "js-yaml")) {
            if (!Files.isRegularFile(js.resolve("node_modules").resolve(module).resolve("package.json"))) {
                return Optional.of("npm package " + module + " is missing; run deploy-tests/install-test-deps.sh");
            }
        }
        return Optional.empty();
    }

    Result validate(List<Path> files) {
        List<String> command = new ArrayList<>(List.of("node", js.resolve("validate-manifests.mjs").toString()));
        files.forEach(f -> command.add(f.toString()));
        return run(command);
    }

    private Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(js.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + DEADLINE_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
