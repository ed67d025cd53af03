package dev.certstream.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * What one load run does, validated once; {@link #parse} reads the command line, tests build the record.
 *
 * @param url         websocket URL of the stream, e.g. {@code ws://127.0.0.1:4000/} (path {@code /},
 *                    {@code /full-stream} or {@code /domains-only})
 * @param clients     websocket clients to open
 * @param duration    the measurement window
 * @param warmup      time between the last connection and the window, so JIT and buffers settle
 * @param paused      how many of the clients never read (to show they do not slow the others)
 * @param connectRate connections opened per second, so the server's accept loop is not flooded
 * @param eventLoops  client event loops; each owns a shard of the clients, its counters and its histogram
 * @param drain       after the window, how long the paused clients read again, to count what the server
 *                    kept for them
 * @param json        also print the report as one JSON object
 */
public record LoadOptions(URI url, int clients, Duration duration, Duration warmup, int paused,
                          int connectRate, int eventLoops, Duration drain, boolean json) {

    public static final String USAGE = """
            usage: FanoutLoad [options]
              --url URL            stream to load (default ws://127.0.0.1:4000/; paths /, /full-stream, /domains-only)
              --clients N          websocket clients to open (default 500)
              --duration D         measurement window, e.g. 30s, 2m, 500ms (default 30s)
              --warmup D           wait after connecting, before measuring (default 5s)
              --paused N           clients that never read, to show they do not slow the others (default 0)
              --connect-rate N     connections opened per second (default 1000)
              --event-loops N      client event loops (default: available processors)
              --drain D            after the window, how long paused clients read again (default 2s)
              --json               also print the report as one JSON object
              --help               this text
            """;

    public LoadOptions {
        require(url != null && "ws".equals(url.getScheme()) && url.getHost() != null,
                "--url must be ws://host[:port]/path (wss is not supported): " + url);
        require(clients >= 1 && clients <= 100_000, "--clients must be 1..100000: " + clients);
        require(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
        require(!warmup.isNegative(), "--warmup must not be negative");
        require(paused >= 0 && paused <= clients, "--paused must be 0..clients: " + paused);
        require(connectRate >= 1, "--connect-rate must be positive: " + connectRate);
        require(eventLoops >= 1 && eventLoops <= 64, "--event-loops must be 1..64: " + eventLoops);
        require(!drain.isNegative(), "--drain must not be negative");
    }

    /** The defaults of {@link #USAGE}. */
    public static LoadOptions defaults() {
        return new LoadOptions(URI.create("ws://127.0.0.1:4000/"), 500, Duration.ofSeconds(30),
                Duration.ofSeconds(5), 0, 1000, Runtime.getRuntime().availableProcessors(),
                Duration.ofSeconds(2), false);
    }

    /** The options of a command line; null when it asks for {@code --help}. */
    public static LoadOptions parse(String... args) {
        LoadOptions o = defaults();
        URI url = o.url;
        int clients = o.clients;
        int paused = o.paused;
        int rate = o.connectRate;
        int loops = o.eventLoops;
        Duration duration = o.duration;
        Duration warmup = o.warmup;
        Duration drain = o.drain;
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            switch (name) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--json" -> json = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(name + " needs a value (see --help)");
                    }
                    String value = args[++i];
                    switch (name) {
                        case "--url" -> url = URI.create(value);
                        case "--clients" -> clients = integer(name, value);
                        case "--paused" -> paused = integer(name, value);
                        case "--connect-rate" -> rate = integer(name, value);
                        case "--event-loops" -> loops = integer(name, value);
                        case "--duration" -> duration = duration(name, value);
                        case "--warmup" -> warmup = duration(name, value);
                        case "--drain" -> drain = duration(name, value);
                        default -> throw new IllegalArgumentException("unknown option " + name + " (see --help)");
                    }
                }
            }
        }
        return new LoadOptions(url, clients, duration, warmup, paused, rate, loops, drain, json);
    }

    /** The port of the URL, 80 when it names none. */
    public int port() {
        return url.getPort() < 0 ? 80 : url.getPort();
    }

    /** The request path of the URL, {@code /} when empty. */
    public String path() {
        String path = url.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** A copy aimed at another URL (tests use an ephemeral port). */
    public LoadOptions withUrl(URI newUrl) {
        return new LoadOptions(newUrl, clients, duration, warmup, paused, connectRate, eventLoops, drain, json);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer: " + value);
        }
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, or a plain number of seconds. */
    public static Duration duration(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            } else if (v.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a duration like 30s, 500ms or 2m: " + value);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
