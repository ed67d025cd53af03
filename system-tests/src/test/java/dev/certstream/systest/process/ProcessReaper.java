package dev.certstream.systest.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every process a test started and SIGKILLs the ones still running when the test JVM exits,
 * so a failed or interrupted run never leaves a server holding a port or a node script holding a browser.
 */
public final class ProcessReaper {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "system-tests-reaper"));
    }

    private ProcessReaper() {
    }

    public static void track(Process process) {
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
    }

    private static void killAll() {
        for (Process process : LIVE) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
