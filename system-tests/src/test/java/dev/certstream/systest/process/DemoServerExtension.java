package dev.certstream.systest.process;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * {@code bin/certstream run --demo} for a test class: the server's fat jar in its own JVM on a free loopback
 * port ({@link DemoServer}), started before the class's first test once it has processed a certificate,
 * killed after its last; {@code @RegisterExtension static final DemoServerExtension SERVER = new DemoServerExtension("name");}.
 * It lives here, not in test-support, because it starts the jar the reactor builds only before this module.
 */
public final class DemoServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final Map<String, String> env;
    private ServerProcess server;

    public DemoServerExtension(String name) {
        this(name, Map.of());
    }

    public DemoServerExtension(String name, Map<String, String> env) {
        this.name = name;
        this.env = Map.copyOf(env);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = DemoServer.start(name, env);
        DemoServer.awaitCertificates(server, 1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    /** The running server's process (only while the class runs). */
    public ServerProcess process() {
        if (server == null) {
            throw new IllegalStateException(name + " runs only while its test class does");
        }
        return server;
    }

    public int port() {
        return process().httpPort();
    }

    public String baseUrl() {
        return DemoServer.baseUrl(process());
    }

    public String wsUrl(String path) {
        return DemoServer.wsUrl(process(), path);
    }
}
