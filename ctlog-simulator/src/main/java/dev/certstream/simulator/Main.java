package dev.certstream.simulator;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Runs the CT log simulator on its own: parses the options, starts it, and prints the log list URL. */
public final class Main {

    static {
        // Before the first logger exists: quiet Netty/Vert.x debug output unless the caller configured logging.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "ctlog-simulator-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** Exit status for bad options, as CLI conventions (and the launcher) expect. */
    static final int BAD_USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(CliOptions.usage());
            return;
        }
        SimulatorConfig config;
        try {
            config = CliOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("certstream simulator: " + e.getMessage());
            System.err.println("Try --help for the list of options.");
            System.exit(BAD_USAGE);
            return;
        }
        Vertx vertx = Vertx.vertx();
        CtLogSimulator.start(vertx, config)
                .onSuccess(simulator -> {
                    LOG.info("CT log simulator serving {} logs; log list at {}", simulator.logs().size(), simulator.logListUrl());
                    simulator.logs().forEach(log -> LOG.info("  {} {} {}", log.type(), log.url(), log.description()));
                    System.out.println(simulator.logListUrl());
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx, simulator), "simulator-shutdown"));
                })
                .onFailure(e -> {
                    LOG.error("CT log simulator failed to start: {}", e.toString(), e);
                    vertx.close();
                    System.exit(1);
                });
    }

    /**
     * The configuration these command-line options describe (the same options as the stand-alone
     * simulator), for launchers that embed it; IllegalArgumentException names the bad option.
     */
    public static SimulatorConfig configFromArgs(String... args) {
        return CliOptions.parse(args);
    }

    /** The --help text: every option with its default. */
    public static String usage() {
        return CliOptions.usage();
    }

    private static void stop(Vertx vertx, CtLogSimulator simulator) {
        // Waited on one at a time from this plain thread: chaining vertx.close() behind a Vert.x
        // callback loses its completion (the callback's event loop is gone by then).
        try {
            simulator.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Simulator did not stop cleanly: {}", e.toString());
        }
    }
}
