package dev.certstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the deployables read from the environment, found in their sources: the {@code "CERTSTREAM_..."}
 * and {@code "PORT"} literals of the config records ({@code *Config.java}, {@code *Limits.java}) of a role's module and of
 * node-runtime, the {@code ${CERTSTREAM_...}} placeholders of their logback XML, and JAVA_OPTS, which
 * bin/certstream reads.
 */
final class ConfigSources {

    static final Set<String> ROLES = Set.of("watcher", "broker", "gateway");

    /** Port defaults the interface documents; a default found in the sources takes precedence. */
    static final Map<String, Integer> INTERFACE_PORT_DEFAULTS = Map.of("PORT", 4000,
            "CERTSTREAM_HEALTH_PORT", 8080, "CERTSTREAM_CLUSTER_PORT", 5701, "CERTSTREAM_EVENTBUS_PORT", 0);

    private static final Pattern LITERAL = Pattern.compile("\"(CERTSTREAM_[A-Z0-9_]+|PORT)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(CERTSTREAM_[A-Z0-9_]+)");
    private static final Pattern SHELL_READ = Pattern.compile("\\$\\{?JAVA_OPTS\\b");
    private static final Pattern DEFAULT = Pattern.compile(
            "\"(PORT|CERTSTREAM_[A-Z0-9_]+)\"\\s*,\\s*(\\d[\\d_]*|[A-Za-z_][\\w.]*)");

    private final Path root;

    ConfigSources(Path root) {
        this.root = root;
    }

    /** Every variable some configuration of {@code role} reads. */
    Set<String> variablesReadBy(String role) {
        Path module = root.resolve(role + "-verticle");
        if (!ROLES.contains(role) || !Files.isDirectory(module)) {
            throw new IllegalArgumentException("no module for role '" + role + "'");
        }
        Set<String> names = new TreeSet<>();
        for (Path dir : new Path[] {module, root.resolve("node-runtime")}) {
            files(dir.resolve("src/main/java"), ".java").filter(ConfigSources::isConfigRecord)
                    .forEach(f -> collect(LITERAL, read(f), names));
            files(dir.resolve("src/main/resources"), ".xml").forEach(f -> collect(PLACEHOLDER, read(f), names));
        }
        if (SHELL_READ.matcher(read(root.resolve("bin/certstream"))).find()) {
            names.add("JAVA_OPTS");
        }
        return names;
    }

    /** A port variable's default: from the sources when written as a literal or constant, else the interface's. */
    int portDefault(String variable) {
        Integer scanned = scannedDefaults().get(variable);
        if (scanned != null) {
            return scanned;
        }
        Integer documented = INTERFACE_PORT_DEFAULTS.get(variable);
        if (documented == null) {
            throw new IllegalArgumentException(variable + " is not a port variable");
        }
        return documented;
    }

    /** Defaults of the port variables as the config sources spell them ({@code "PORT", 4000}). */
    /** A configuration record's file: {@code GatewayConfig.java}, {@code FilterLimits.java}, ... */
    static boolean isConfigRecord(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith("Config.java") || name.endsWith("Limits.java");
    }

    Map<String, Integer> scannedDefaults() {
        Map<String, Integer> defaults = new HashMap<>();
        List<Path> configs = files(root, ".java").filter(f -> isConfigRecord(f) && f.toString().contains("/src/main/")).toList();
        for (Path config : configs) {
            String text = read(config);
            Matcher m = DEFAULT.matcher(text);
            while (m.find()) {
                if (INTERFACE_PORT_DEFAULTS.containsKey(m.group(1))) {
                    number(m.group(2), text).ifPresent(v -> defaults.put(m.group(1), v));
                }
            }
        }
        return defaults;
    }


    private static Optional<Integer> number(String token, String text) {
        if (Character.isDigit(token.charAt(0))) {
            return Optional.of(Integer.parseInt(token.replace("_", "")));
        }
        String constant = token.substring(token.lastIndexOf('.') + 1);
        Matcher m = Pattern.compile("\\b" + Pattern.quote(constant) + "\\s*=\\s*(\\d[\\d_]*)\\s*;").matcher(text);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1).replace("_", ""))) : Optional.empty();
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static Stream<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(suffix)
                    && !f.toString().contains("/node_modules/") && !f.toString().contains("/target/"))
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
