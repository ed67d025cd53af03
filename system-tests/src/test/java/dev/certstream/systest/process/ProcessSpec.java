package dev.certstream.systest.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run as a separate JVM: {@code <launcher> java <jvmOptions> -jar <jar> <args>} with an environment,
 * a name for its log file and the HTTP address readiness is polled on (port 0 when it serves none). The
 * launcher is empty, or a prefix such as {@code ip netns exec <namespace>} that runs the JVM elsewhere.
 * Immutable; each {@code with...} returns a copy, so tests can derive roles (watcher, broker, gateway) from
 * one base.
 */
public record ProcessSpec(String name, Path jar, List<String> jvmOptions, List<String> args,
                          Map<String, String> env, int httpPort, String httpHost, List<String> launcher) {

    public ProcessSpec {
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        env = Map.copyOf(env);
        launcher = List.copyOf(launcher);
    }

    /** A spec with no options, arguments or environment beyond the inherited one, polled on loopback. */
    public static ProcessSpec of(String name, Path jar) {
        return new ProcessSpec(name, jar, List.of(), List.of(), Map.of(), 0, "127.0.0.1", List.of());
    }

    public ProcessSpec withJvmOptions(String... options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(List.of(options));
        return new ProcessSpec(name, jar, all, args, env, httpPort, httpHost, launcher);
    }

    public ProcessSpec withArgs(String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return new ProcessSpec(name, jar, jvmOptions, all, env, httpPort, httpHost, launcher);
    }

    /** Sets one variable; later calls win. */
    public ProcessSpec withEnv(String key, Object value) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put(key, String.valueOf(value));
        return new ProcessSpec(name, jar, jvmOptions, args, all, httpPort, httpHost, launcher);
    }

    public ProcessSpec withEnv(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(env);
        all.putAll(more);
        return new ProcessSpec(name, jar, jvmOptions, args, all, httpPort, httpHost, launcher);
    }

    public ProcessSpec withHttpPort(int port) {
        return new ProcessSpec(name, jar, jvmOptions, args, env, port, httpHost, launcher);
    }

    public ProcessSpec withName(String newName) {
        return new ProcessSpec(newName, jar, jvmOptions, args, env, httpPort, httpHost, launcher);
    }

    /** Where the process answers HTTP, as the test reaches it (its namespace's address, say). */
    public ProcessSpec withHttpHost(String host) {
        return new ProcessSpec(name, jar, jvmOptions, args, env, httpPort, host, launcher);
    }

    /** Runs the JVM through {@code prefix} (e.g. {@code ip netns exec <namespace>}). */
    public ProcessSpec withLauncher(List<String> prefix) {
        return new ProcessSpec(name, jar, jvmOptions, args, env, httpPort, httpHost, prefix);
    }
}
