package dev.certstream.server;

import dev.certstream.broker.BrokerConfig;
import dev.certstream.node.EnvReader;
import dev.certstream.gateway.GatewayConfig;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.watcher.WatcherConfig;

import java.time.Duration;

/**
 * The embedded server's configuration: the three roles' records, read from the same environment, plus
 * the in-process simulator of {@code --demo} (null without it).
 */
public record ServerSettings(WatcherConfig watcher, BrokerConfig broker, GatewayConfig gateway, SimulatorConfig demo) {

    /** Reads every role's variables; {@code demo} adds the simulator ({@code CERTSTREAM_DEMO_*}). */
    public static ServerSettings fromEnv(EnvReader env, boolean demo) {
        WatcherConfig watcher = WatcherConfig.fromEnv(env);
        SimulatorConfig simulator = null;
        if (demo) {
            simulator = SimulatorConfig.builder()
                    .host("127.0.0.1").port(0)
                    .rfc6962Logs(env.integer("CERTSTREAM_DEMO_LOGS", 2, 0, 50))
                    .tiledLogs(env.integer("CERTSTREAM_DEMO_LOGS", 2, 0, 50))
                    .initialSize(1000)
                    .growthPerSecond(env.integer("CERTSTREAM_DEMO_RATE", 5, 1, 100_000))
                    .checkpointPeriod(Duration.ofSeconds(1))
                    .seed(env.longValue("CERTSTREAM_DEMO_SEED", 1, 0, Long.MAX_VALUE))
                    .sharedRate(env.integer("CERTSTREAM_DEMO_SHARED", 0, 0, 100) / 100.0)
                    .build();
            // A demo should show certificates within seconds: poll faster unless told otherwise.
            WatcherConfig.Builder demoWatcher = watcher.toBuilder()
                    .progress(p -> p.dataDir(p.build().dataDir().resolve("demo")));
            if (env.raw("CERTSTREAM_POLL_INTERVAL") == null) {
                demoWatcher.fetching(f -> f.pollInterval(Duration.ofSeconds(1)));
            }
            if (env.raw("CERTSTREAM_OPERATOR_RATE") == null) {
                // The in-process simulator is no operator to spare, and its logs share two operators: the
                // ingest and fan-out benchmarks that run on it would measure the budget, not the server.
                demoWatcher.politeness(p -> p.operatorRate(0));
            }
            watcher = demoWatcher.build();
        }
        return new ServerSettings(watcher, BrokerConfig.fromEnv(env), GatewayConfig.fromEnv(env), simulator);
    }
}
