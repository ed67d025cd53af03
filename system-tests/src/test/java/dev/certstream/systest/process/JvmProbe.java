package dev.certstream.systest.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory figures of another JVM: RSS from /proc and heap after a full GC through jcmd (the server's
 * /metrics has no JVM memory gauges), so leak checks compare live data rather than garbage.
 */
public final class JvmProbe {

    private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+(\\d+) kB", Pattern.MULTILINE);
    /** G1's line in GC.heap_info: "garbage-first heap   total 262144K, used 45678K [...". */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private JvmProbe() {
    }

    public static long rssBytes(long pid) {
        try {
            Matcher m = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            if (!m.find()) {
                throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
            }
            return Long.parseLong(m.group(1)) * 1024;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the RSS of " + pid, e);
        }
    }

    public static long heapUsedAfterGcBytes(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Tools.Result gc = Tools.run(Duration.ofSeconds(60), jcmd, Long.toString(pid), "GC.run");
        if (gc.exitCode() != 0) {
            throw new IllegalStateException("jcmd GC.run failed: " + gc.output());
        }
        Tools.Result info = Tools.run(Duration.ofSeconds(60), jcmd, Long.toString(pid), "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info.output());
        if (info.exitCode() != 0 || !m.find()) {
            throw new IllegalStateException("cannot read the heap from jcmd GC.heap_info: " + info.output());
        }
        return Long.parseLong(m.group(1)) * 1024;
    }
}
