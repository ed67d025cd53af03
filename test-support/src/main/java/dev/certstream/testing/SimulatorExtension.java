package dev.certstream.testing;

import dev.certstream.simulator.CtLogSimulator;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.log.SimulatedLog;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * A CT log simulator on an ephemeral loopback port for each test, in a Vert.x of its own (so it never shares
 * an event loop with the code under test), stopped after the test:
 * {@code @RegisterExtension final SimulatorExtension simulator = SimulatorExtension.with(SimulatorConfig.builder()...);}
 */
public final class SimulatorExtension implements BeforeEachCallback, AfterEachCallback {

    private final SimulatorConfig config;
    private Vertx vertx;
    private CtLogSimulator simulator;

    private SimulatorExtension(SimulatorConfig config) {
        this.config = config;
    }

    /** A simulator with this configuration; host and port are replaced by loopback and an ephemeral port. */
    public static SimulatorExtension with(SimulatorConfig.Builder config) {
        return new SimulatorExtension(config.host("127.0.0.1").port(0).build());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        vertx = Vertx.vertx();
        simulator = TestFutures.await(CtLogSimulator.start(vertx, config));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (vertx != null) {
            TestFutures.await(vertx.close());
        }
        vertx = null;
        simulator = null;
    }

    /** The running simulator (only during a test). */
    public CtLogSimulator get() {
        if (simulator == null) {
            throw new IllegalStateException("the simulator runs only during a test");
        }
        return simulator;
    }

    public String logListUrl() {
        return get().logListUrl();
    }

    public List<SimulatedLog> logs() {
        return get().logs();
    }
}
