package dev.certstream.systest.process;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The tools outside Maven that some tests need (node with the js/ packages, Debian's chromium, network
 * namespaces: iproute2 and root). Missing ones skip those tests on a developer's machine, and fail them
 * when CERTSTREAM_REQUIRE_SYSTEM_DEPS is set (CI), so a CI run can never pass by skipping.
 */
public final class SystemDeps {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final String INSTALL_HINT = "run system-tests/install-test-deps.sh";

    private SystemDeps() {
    }

    /** node on PATH and the js/ packages installed. */
    public static void requireNode() {
        Tools.Result version = Tools.run(Duration.ofSeconds(30), "node", "--version");
        require(version.exitCode() == 0, "node is not on PATH (" + version.output().strip() + ")");
        for (String module : new String[]{"certstream", "playwright-core", "ws"}) {
            require(Files.isDirectory(RepoPaths.js().resolve("node_modules").resolve(module)),
                    "the npm package " + module + " is not installed in " + RepoPaths.js());
        }
    }

    /** Linux network namespaces: the ip tool (iproute2), and the right to make namespaces (root). */
    public static void requireNamespaces() {
        String reason = NetNamespaces.unavailableReason();
        require(reason == null, reason);
    }

    public static void requireChromium() {
        require(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing");
    }

    /** Debian's python3 with its websocket client (python3-websocket), which the README's example uses. */
    public static void requirePythonWebsocket() {
        Tools.Result check = Tools.run(Duration.ofSeconds(30), PYTHON.toString(), "-c", "import websocket");
        require(check.exitCode() == 0, PYTHON + " cannot import websocket (" + check.output().strip() + ")");
    }

    private static void require(boolean present, String problem) {
        if (present) {
            return;
        }
        String message = problem + "; " + INSTALL_HINT;
        if (System.getenv("CERTSTREAM_REQUIRE_SYSTEM_DEPS") != null) {
            throw new AssertionError(message + " (CERTSTREAM_REQUIRE_SYSTEM_DEPS is set, so this is a failure)");
        }
        Assumptions.abort(message + " (skipped; set CERTSTREAM_REQUIRE_SYSTEM_DEPS to make this a failure)");
    }
}
