package dev.certstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file layout the Dockerfile's final stage produces, rebuilt in a directory: files copied from the
 * context are the repository's, jars from the build stage are placeholders at the same paths. Lets
 * the tests run the real entrypoint and bin/certstream without a Docker engine.
 */
final class ImageLayout {

    private static final Pattern BUILT_JAR = Pattern.compile("/([a-z-]+)/target/\\1-[^/]+-all\\.jar");

    private ImageLayout() {
    }

    /** The modules whose fat jar the final stage copies from the build stage. */
    static List<String> copiedJarModules(Dockerfile dockerfile) {
        List<String> modules = new ArrayList<>();
        for (Dockerfile.Instruction copy : dockerfile.last().all("COPY")) {
            for (String word : copy.words()) {
                Matcher m = BUILT_JAR.matcher(word);
                if (m.find() && copy.arguments().contains("--from=")) {
                    modules.add(m.group(1));
                }
            }
        }
        return modules;
    }

    /** Recreates the final stage's copied files under {@code imageRoot}; returns the entrypoint there. */
    static Path build(Dockerfile dockerfile, Path repo, Path imageRoot) throws IOException {
        String buildDir = dockerfile.stages().get(0).last("WORKDIR");
        for (Dockerfile.Instruction copy : dockerfile.last().all("COPY")) {
            List<String> flags = copy.words().stream().filter(w -> w.startsWith("--")).toList();
            List<String> paths = copy.words().stream().filter(w -> !w.startsWith("--")).toList();
            if (paths.size() != 2) {
                throw new IllegalStateException("expected COPY [flags] SOURCE DEST: " + copy.arguments());
            }
            boolean fromBuild = flags.stream().anyMatch(f -> f.startsWith("--from="));
            String source = paths.get(0);
            Path dest = imageRoot.resolve(paths.get(1).substring(1));
            if (paths.get(1).endsWith("/")) {
                dest = dest.resolve(Path.of(source).getFileName().toString());
            }
            Files.createDirectories(dest.getParent());
            if (fromBuild && source.endsWith(".jar")) {
                Files.writeString(dest, "placeholder for " + source);
            } else {
                String relative = fromBuild ? Path.of(buildDir).relativize(Path.of(source)).toString() : source;
                Files.copy(repo.resolve(relative), dest);
            }
            if (flags.stream().anyMatch(f -> f.equals("--chmod=0755") || f.equals("--chmod=755"))) {
                Files.setPosixFilePermissions(dest, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Matcher entrypoint = Pattern.compile("\\[\\s*\"([^\"]+)\"").matcher(dockerfile.last().last("ENTRYPOINT"));
        if (!entrypoint.find()) {
            throw new IllegalStateException("ENTRYPOINT must be the exec form");
        }
        return imageRoot.resolve(entrypoint.group(1).substring(1));
    }

    static void writeExecutable(Path file, String text) {
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
