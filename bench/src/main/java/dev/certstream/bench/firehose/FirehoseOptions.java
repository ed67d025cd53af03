package dev.certstream.bench.firehose;

import dev.certstream.bench.LoadOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one firehose benchmark run does, validated once; {@link #parse} reads the command line.
 *
 * @param serverCommand  the embedded server's command line (java, its JVM flags, -jar), run with PORT and
 *                       CERTSTREAM_LOG_LIST_URL set and the work directory as its current directory
 * @param simCommand     the simulator's command line; {@code --port} is appended
 * @param work           the server's working directory (its data directory, progress file, logs)
 * @param duration       the whole run, catch-up included
 * @param interval       how often a report line is printed
 * @param lite           clients on /
 * @param full           clients on /full-stream
 * @param domains        clients on /domains-only
 * @param eventLoops     client event loops
 * @param catchUpAt      when the server is stopped for the catch-up case, or null for none
 * @param downtime       how long it stays down
 * @param freshThreshold a second whose freshness p99 is at most this counts as fresh
 * @param json           also print each report as one JSON line
 */
public record FirehoseOptions(List<String> serverCommand, List<String> simCommand, Path work, Duration duration,
                              Duration interval, int lite, int full, int domains, int eventLoops, Duration catchUpAt,
                              Duration downtime, Duration freshThreshold, boolean json) {

    public static final String USAGE = """
            usage: FirehoseBench --server-cmd "java FLAGS -jar server.jar" --sim-cmd "java -jar sim.jar --profile firehose" [options]
              --work DIR            the server's working directory (default: a new temporary directory)
              --duration D          the whole run (default 10m)
              --interval D          report interval (default 10s)
              --lite N --full N --domains N   clients per stream (default 100, 10, 10)
              --event-loops N       client event loops (default 2)
              --catch-up-at D       stop the server this far into the run (default: no catch-up case)
              --downtime D          how long it stays down (default 5m)
              --fresh-threshold D   fresh again = 5 seconds in a row with freshness p99 at most this (default 2s)
              --json                also print each report as one JSON line
            """;

    public FirehoseOptions {
        require(!serverCommand.isEmpty() && !simCommand.isEmpty(), "--server-cmd and --sim-cmd are required");
        require(duration.toMillis() >= 1000 && interval.toMillis() >= 1000, "--duration and --interval must be >= 1s");
        require(lite >= 0 && full >= 0 && domains >= 0 && lite + full + domains >= 1, "need at least one client");
        // Clients connect from 127.0.0.10 up, FirehoseShard.CLIENTS_PER_ADDRESS per address.
        require(lite + full + domains <= 12_000, "at most 12,000 clients");
        require(eventLoops >= 1 && eventLoops <= 64, "--event-loops must be 1..64");
        require(catchUpAt == null || catchUpAt.plus(downtime).compareTo(duration) < 0,
                "--catch-up-at plus --downtime must end before --duration");
        require(!freshThreshold.isNegative() && !freshThreshold.isZero(), "--fresh-threshold must be positive");
    }

    public static FirehoseOptions parse(String... args) {
        List<String> server = List.of();
        List<String> sim = List.of();
        Path work = null;
        Duration duration = Duration.ofMinutes(10);
        Duration interval = Duration.ofSeconds(10);
        int[] clients = {100, 10, 10};
        int loops = 2;
        Duration catchUpAt = null;
        Duration downtime = Duration.ofMinutes(5);
        Duration fresh = Duration.ofSeconds(2);
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--json")) {
                json = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--server-cmd" -> server = words(value);
                case "--sim-cmd" -> sim = words(value);
                case "--work" -> work = Path.of(value);
                case "--duration" -> duration = LoadOptions.duration(name, value);
                case "--interval" -> interval = LoadOptions.duration(name, value);
                case "--lite" -> clients[0] = Integer.parseInt(value);
                case "--full" -> clients[1] = Integer.parseInt(value);
                case "--domains" -> clients[2] = Integer.parseInt(value);
                case "--event-loops" -> loops = Integer.parseInt(value);
                case "--catch-up-at" -> catchUpAt = LoadOptions.duration(name, value);
                case "--downtime" -> downtime = LoadOptions.duration(name, value);
                case "--fresh-threshold" -> fresh = LoadOptions.duration(name, value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new FirehoseOptions(server, sim, work, duration, interval, clients[0], clients[1], clients[2], loops,
                catchUpAt, downtime, fresh, json);
    }

    private static List<String> words(String command) {
        return Arrays.stream(command.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
