package dev.certstream.systest.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script of system-tests/js with node, its stdout and stderr kept in target/process-logs/
 * (named per test) for the assertions and for whoever reads a failure.
 */
public final class NodeScript {

    private static final Logger LOG = LoggerFactory.getLogger(NodeScript.class);

    /** How a script ended: exit code (-1 if killed at the deadline), its stdout and stderr. */
    public record Outcome(int exitCode, String stdout, String stderr, Path stdoutFile, Path stderrFile) {

        public String describe() {
            return "exit " + exitCode + "; stderr (" + stderrFile + "):\n" + tail(stderr) + "\nstdout (" + stdoutFile + "):\n" + tail(stdout);
        }

        private static String tail(String text) {
            return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
        }
    }

    private NodeScript() {
    }

    /** Runs {@code node <script> <args>} in js/, killing it after {@code deadline}. */
    public static Outcome run(String name, Duration deadline, String script, String... args) {
        return start(name, script, args).finish(deadline);
    }

    /** A script started in the background; {@link #finish} waits for it. */
    public record Running(String name, Process process, Path out, Path err) {

        /** Waits for the script to end, killing it after {@code deadline}. */
        public Outcome finish(Duration deadline) {
            return NodeScript.finish(this, deadline);
        }
    }

    /** Starts {@code node <script> <args>} in js/ and returns at once. */
    public static Running start(String name, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(RepoPaths.logs());
            Path out = RepoPaths.logs().resolve(name + ".stdout");
            Path err = RepoPaths.logs().resolve(name + ".stderr");
            Process process = new ProcessBuilder(command).directory(RepoPaths.js().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            ProcessReaper.track(process);
            LOG.info("running {} (pid {}): {}", name, process.pid(), command);
            return new Running(name, process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node " + script, e);
        }
    }

    private static Outcome finish(Running running, Duration deadline) {
        String name = running.name();
        Process process = running.process();
        Path out = running.out();
        Path err = running.err();
        try {
            boolean done = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                LOG.warn("{} still running after {}: killing it", name, deadline);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            return new Outcome(done ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
