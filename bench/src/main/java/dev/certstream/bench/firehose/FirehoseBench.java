package dev.certstream.bench.firehose;

import dev.certstream.bench.ProcessProbe;

import io.vertx.core.json.JsonObject;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The firehose benchmark: the CT log simulator (firehose profile) and the embedded server in their own
 * JVMs, lite, full and domains-only websocket clients here; every interval it prints freshness p50/p99
 * (receive time minus the entry's {@code source.timestamp}), delivered messages, index gaps, the server's
 * drops, the server's CPU and PSS, and optionally stops the server for a while to time its catch-up.
 * {@code bench/measure-firehose.sh} builds and runs it; {@code --help} for the options.
 */
public final class FirehoseBench {

    /** Consecutive fresh seconds after a restart that count as "fresh again". */
    static final int FRESH_SECONDS = 5;

    private final FirehoseOptions options;
    private final PrintStream out;
    private final List<double[]> pssHistory = new ArrayList<>();   // {seconds into the run, PSS MB}
    private final FirehoseCatchUp catchUp;
    private long dropsOfEarlierServers;
    private long lastDrops;
    private long peakPss;

    private FirehoseBench(FirehoseOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.catchUp = new FirehoseCatchUp(options);
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || List.of(args).contains("--help")) {
            System.out.print(FirehoseOptions.USAGE);
            return;
        }
        FirehoseOptions options;
        try {
            options = FirehoseOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("FirehoseBench: " + e.getMessage());
            System.err.print(FirehoseOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new FirehoseBench(options, System.out).run());
    }

    private int run() throws Exception {
        Path work = FirehoseProcesses.createWork(options.work());
        out.println("firehose run: work directory " + work);
        try (FirehoseProcesses processes = new FirehoseProcesses(options, work)) {
            processes.startSimulator();
            ProcessProbe simulator = new ProcessProbe(processes.simulatorPid());
            ProcessProbe server = new ProcessProbe(processes.startServer());
            FirehoseClients clients = FirehoseClients.start(options, processes.serverPort());
            out.println(FirehoseLines.HEADER);
            long startNanos = System.nanoTime();
            long seconds = 0;
            long total = options.duration().toSeconds();
            long every = options.interval().toSeconds();
            simulator.coresSinceLast();
            server.coresSinceLast();
            FirehoseSample report = null;
            while (seconds < total) {
                seconds++;
                sleepUntil(startNanos + seconds * 1_000_000_000L);
                FirehoseSample second = clients.sample(FirehoseShard.Period.SECOND);
                long pss = server.pssBytes();
                peakPss = Math.max(peakPss, pss);
                ProcessProbe restarted = catchUp.onSecond(seconds, second, pss, processes, this::serverStopping);
                if (restarted != null) {
                    server = restarted;
                    server.coresSinceLast();
                }
                if (seconds % every == 0) {
                    report = clients.sample(FirehoseShard.Period.REPORT);
                    JsonObject stats = catchUp.serverDown() ? null : processes.serverStats();
                    lastDrops = stats == null ? lastDrops : FirehoseLines.drops(stats);
                    pssHistory.add(new double[] {seconds, pss / 1e6});
                    out.println(FirehoseLines.line(seconds, every, report, options, dropsOfEarlierServers + lastDrops,
                            catchUp.serverDown() ? Double.NaN : server.coresSinceLast(), pss, stats,
                            simulator.coresSinceLast(), catchUp.phase()));
                    if (options.json()) {
                        out.println(FirehoseLines.json(seconds, report, dropsOfEarlierServers + lastDrops, pss, stats));
                    }
                    out.flush();
                }
            }
            FirehoseSample last = clients.sample(FirehoseShard.Period.REPORT);
            clients.close();
            out.print(FirehoseLines.summary(options, report == null ? last : report, dropsOfEarlierServers + lastDrops,
                    peakPss, pssHistory, catchUp, processes.simulatorTraffic()));
            out.flush();
            return 0;
        }
    }

    /** The server is about to stop: its drop counter restarts with it. */
    private void serverStopping(JsonObject lastStats) {
        if (lastStats != null) {
            lastDrops = FirehoseLines.drops(lastStats);
        }
        dropsOfEarlierServers += lastDrops;
        lastDrops = 0;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
