package dev.certstream.systest.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command-line tool (kill, jcmd, ip, node --version) to completion with a deadline. */
public final class Tools {

    /** A finished command: its exit code (-1 when it timed out and was killed) and its combined output. */
    public record Result(int exitCode, String output) {
    }

    private Tools() {
    }

    public static Result run(Duration deadline, String... command) {
        return runWithInput(deadline, null, command);
    }

    /** Runs the command with {@code input} (null: none) as its standard input. */
    public static Result runWithInput(Duration deadline, String input, String... command) {
        Path out = null;
        Path in = null;
        try {
            out = Files.createTempFile("systest-tool-", ".out");
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            if (input != null) {
                in = Files.writeString(Files.createTempFile("systest-tool-", ".in"), input);
                builder.redirectInput(in.toFile());
            }
            Process process = builder.start();
            ProcessReaper.track(process);
            boolean done = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.destroyForcibly().waitFor();
            }
            return new Result(done ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + String.join(" ", command) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command[0], e);
        } finally {
            for (Path file : new Path[]{out, in}) {
                if (file == null) {
                    continue;
                }
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
