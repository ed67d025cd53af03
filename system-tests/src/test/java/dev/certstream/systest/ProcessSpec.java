package dev.certstream.systest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run as a separate JVM: {@code java <jvmOptions> -jar <jar> <args>} with an environment, a name
 * for its log file and the HTTP port readiness is polled on (0 when it serves none). Immutable; each
 * {@code with...} returns a copy, so tests can derive roles (watcher, broker, gateway) from one base.
 */
public record ProcessSpec(String name, Path jar, List<String> jvmOptions, List<String> args,
                          Map<String, String> env, int httpPort) {

    public ProcessSpec {
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** A spec with no options, arguments or environment beyond the inherited one. */
    public static ProcessSpec of(String name, Path jar) {
        return new ProcessSpec(name, jar, List.of(), List.of(), Map.of(), 0);
    }

    public ProcessSpec withJvmOptions(String... options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(List.of(options));
        return new ProcessSpec(name, jar, all, args, env, httpPort);
    }

    public ProcessSpec withArgs(String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return new ProcessSpec(name, jar, jvmOptions, all, env, httpPort);
    }

    /** Sets one variable; later calls win. */
    public ProcessSpec withEnv(String key, Object value) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put(key, String.valueOf(value));
        return new ProcessSpec(name, jar, jvmOptions, args, all, httpPort);
    }

    public ProcessSpec withEnv(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(more);
        return new ProcessSpec(name, jar, jvmOptions, args, all, httpPort);
    }

    public ProcessSpec withHttpPort(int port) {
        return new ProcessSpec(name, jar, jvmOptions, args, env, port);
    }

    public ProcessSpec withName(String newName) {
        return new ProcessSpec(newName, jar, jvmOptions, args, env, httpPort);
    }
}
