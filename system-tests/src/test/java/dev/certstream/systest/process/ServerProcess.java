package dev.certstream.systest.process;

import dev.certstream.systest.client.Http;

import dev.certstream.testing.Wait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One deployable running as its own JVM ({@code java <opts> -jar <private copy of jar> <args>}) with its
 * output in {@code target/process-logs/<name>.log}; waits for readiness over HTTP and can be stopped,
 * killed, frozen and thawed like a real node. Closing it kills whatever is still running.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);
    /** Variables that configure our deployables: never inherited from the developer's shell. */
    private static final List<String> OWN_PREFIXES = List.of("CERTSTREAM_", "PORT", "JAVA_TOOL_OPTIONS");

    private final ProcessSpec spec;
    private final Process process;
    private final Path logFile;

    private ServerProcess(ProcessSpec spec, Process process, Path logFile) {
        this.spec = spec;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts the JVM; returns at once (use {@link #awaitHttp} for readiness). */
    public static ServerProcess start(ProcessSpec spec) {
        Path jar = JarCopies.stableCopyOf(spec.jar());
        List<String> command = new ArrayList<>(spec.launcher());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(spec.jvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(spec.args());
        try {
            Files.createDirectories(RepoPaths.logs());
            Path log = RepoPaths.logs().resolve(spec.name() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).directory(RepoPaths.root().toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> OWN_PREFIXES.stream().anyMatch(key::startsWith));
            env.putAll(spec.env());
            Process process = builder.start();
            ProcessReaper.track(process);
            LOG.info("started {} (pid {}): {} env {}; log {}", spec.name(), process.pid(), command, spec.env(), log);
            return new ServerProcess(spec, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name(), e);
        }
    }

    /** Polls {@code http://<httpHost>:<httpPort><path>} until it answers 200; fails at once if the JVM exits. */
    public ServerProcess awaitHttp(String path, Duration deadline) {
        URI uri = URI.create(url(path));
        Wait.until(spec.name() + " answering 200 on " + uri, deadline, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(spec.name() + " exited with " + process.exitValue() + " before it was ready;"
                        + " last lines of " + logFile + ":\n" + logTail(40));
            }
            return Http.statusOrMinusOne(uri) == 200;
        });
        return this;
    }

    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return spec.httpPort();
    }

    /** {@code http://<httpHost>:<httpPort><path>}: where the test reaches this process's HTTP server. */
    public String url(String path) {
        return "http://" + spec.httpHost() + ":" + spec.httpPort() + path;
    }

    public String name() {
        return spec.name();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM (shutdown hooks run), waits up to {@code grace}, then SIGKILL; returns the exit code. */
    public int stop(Duration grace) {
        process.destroy();
        if (!waitForExit(grace)) {
            LOG.warn("{} did not exit within {} of SIGTERM: killing it", spec.name(), grace);
            kill();
        }
        return process.exitValue();
    }

    /** SIGSTOP: the JVM stays, silent, holding its sockets (a hung node as its peers see it). */
    public void freeze() {
        signal("-STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    public void thaw() {
        signal("-CONT");
    }

    private void signal(String which) {
        int exit = Tools.run(Duration.ofSeconds(10), "kill", which, Long.toString(process.pid())).exitCode();
        if (exit != 0) {
            throw new IllegalStateException("kill " + which + " " + process.pid() + " exited with " + exit);
        }
    }

    private boolean waitForExit(Duration deadline) {
        try {
            return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Resident set size from /proc (Linux), in bytes. */
    public long rssBytes() {
        return JvmProbe.rssBytes(process.pid());
    }

    /** Heap in use right after a full GC the probe asks for (jcmd), in bytes. */
    public long heapUsedAfterGcBytes() {
        return JvmProbe.heapUsedAfterGcBytes(process.pid());
    }

    /** The last {@code lines} lines of the process's output, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
