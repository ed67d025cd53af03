package dev.certstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and proportional memory of a process on Linux, from {@code /proc/<pid>/stat} (user + system
 * time) and {@code /proc/<pid>/smaps_rollup} (PSS: shared pages divided among the processes mapping them,
 * so it neither double-counts a JVM's shared libraries nor ZGC's multi-mapped heap the way RSS does).
 */
public final class ProcessProbe {

    /** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on every Linux build we run on). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;
    private double lastCpuSeconds = Double.NaN;
    private long lastNanos;

    public ProcessProbe(long pid) {
        this.pid = pid;
    }

    public long pid() {
        return pid;
    }

    /** CPU seconds (user + system) the process used so far, or NaN once it is gone. */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return Double.NaN;
        }
    }

    /** Cores used since the previous call (the first call gives NaN). */
    public double coresSinceLast() {
        double cpu = cpuSeconds();
        long now = System.nanoTime();
        double cores = (cpu - lastCpuSeconds) / ((now - lastNanos) / 1e9);
        lastCpuSeconds = cpu;
        lastNanos = now;
        return cores;
    }

    /** Proportional set size in bytes, or -1 once the process is gone. */
    public long pssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }
}
