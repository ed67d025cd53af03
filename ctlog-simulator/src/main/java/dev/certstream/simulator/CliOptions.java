package dev.certstream.simulator;

import dev.certstream.simulator.log.Lie;
import dev.certstream.simulator.log.Profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The simulator's command-line options, each mapped onto {@link SimulatorConfig.Builder}. */
final class CliOptions {

    /** One option: its name, value placeholder (null for a flag), default as text, help and effect. */
    private record Option(String name, String value, Function<SimulatorConfig, String> defaultText, String help,
                          BiConsumer<SimulatorConfig.Builder, String> apply) {
    }

    private static final List<Option> OPTIONS = List.of(
        new Option("--profile", "standard|firehose", c -> c.profile().name().toLowerCase(),
                "generated logs: standard (--rfc6962-logs, --tiled-logs at --growth) or firehose (48 logs shaped like"
                + " the 2026 log list, ~1,500 entries/s, 1 s checkpoints and STHs, live timestamps)",
                (b, v) -> b.profile(Profile.parse(v))),
        new Option("--rate-scale", "X", c -> "" + c.rateScale(), "multiplies the firehose profile's per-log rates",
                (b, v) -> b.rateScale(decimal(v))),
        new Option("--host", "HOST", SimulatorConfig::host, "interface to bind", (b, v) -> b.host(v)),
        new Option("--port", "PORT", c -> "" + c.port(), "port to listen on (0 = ephemeral)", (b, v) -> b.port(integer(v))),
        new Option("--rfc6962-logs", "N", c -> "" + c.rfc6962Logs(), "generated RFC 6962 logs", (b, v) -> b.rfc6962Logs(integer(v))),
        new Option("--tiled-logs", "N", c -> "" + c.tiledLogs(), "generated static-ct-api logs", (b, v) -> b.tiledLogs(integer(v))),
        new Option("--initial-size", "N", c -> "" + c.initialSize(), "entries per log at start", (b, v) -> b.initialSize(longValue(v))),
        new Option("--growth", "N", c -> "" + c.growthPerSecond(), "entries per second each log gains", (b, v) -> b.growthPerSecond(decimal(v))),
        new Option("--page-cap", "N", c -> "" + c.pageCap(), "most entries per get-entries answer", (b, v) -> b.pageCap(integer(v))),
        new Option("--checkpoint-period-ms", "MS", c -> "" + c.checkpointPeriod().toMillis(), "how often tiled logs publish a checkpoint",
                (b, v) -> b.checkpointPeriod(Duration.ofMillis(longValue(v)))),
        new Option("--gzip", "always|negotiated|never", c -> c.gzip().name().toLowerCase(), "gzip of static-ct-api responses",
                (b, v) -> b.gzip(GzipMode.parse(v))),
        new Option("--seed", "N", c -> "" + c.seed(), "same seed, same keys and entries", (b, v) -> b.seed(longValue(v))),
        new Option("--pool-size", "N", c -> "" + c.poolSize(), "pre-built certificates entries are made from", (b, v) -> b.poolSize(integer(v))),
        new Option("--epoch-ms", "MS|now", c -> "" + c.epochMs(), "timestamp of entry 0 (epoch ms); entry i is 50 ms x i later;"
                + " 'now' looks live but is not reproducible", (b, v) -> b.epochMs(v.trim().equals("now") ? System.currentTimeMillis() : longValue(v))),
        new Option("--replay-certs", "DIR", c -> "none", "serve the PEM/DER certificates of DIR as RFC 6962 log /replay-certs/",
                (b, v) -> b.replayCerts(directory(v))),
        new Option("--replay-tiles", "DIR", c -> "none", "serve the tile tree DIR verbatim as tiled log /mon/replay-tiles/",
                (b, v) -> b.replayTiles(directory(v))),
        new Option("--fault-rate", "R", c -> "" + c.faultRate(), "fraction of requests (0..1) that fail", (b, v) -> b.faultRate(decimal(v))),
        new Option("--faults", "LIST", c -> c.faults().stream().sorted().map(FaultKind::cliName).collect(Collectors.joining(",")),
                "enabled faults among 429,500,slow,timeout,truncate,corrupt,shrink (or none)", (b, v) -> b.faults(faults(v))),
        new Option("--corrupt-rate", "R", c -> "" + c.corruptRate(), "fraction of entries that are garbage when corrupt is enabled",
                (b, v) -> b.corruptRate(decimal(v))),
        new Option("--shared-rate", "R", c -> "" + c.sharedRate(), "fraction of indices (0..1) at which every generated log"
                + " holds the same issuance (the same certificate, or its precertificate in some logs and final in others)",
                (b, v) -> b.sharedRate(decimal(v))),
        new Option("--retry-after", "S", c -> "" + c.retryAfterSeconds(), "Retry-After seconds of injected 429s", (b, v) -> b.retryAfterSeconds(integer(v))),
        new Option("--slow-ms", "MS", c -> "" + c.slowDelay().toMillis(), "delay of slow answers", (b, v) -> b.slowDelay(Duration.ofMillis(longValue(v)))),
        new Option("--timeout-close-ms", "MS", c -> "" + c.timeoutCloseAfter().toMillis(), "when a timed-out request's connection is closed",
                (b, v) -> b.timeoutCloseAfter(Duration.ofMillis(longValue(v)))),
        new Option("--fault-log-list", null, c -> "" + c.faultLogList(), "let faults hit /log_list.json too", (b, v) -> b.faultLogList(true)),
        new Option("--keep-partials", null, c -> "" + !c.partialTilesVanish(), "keep serving partial tiles after their tile is full",
                (b, v) -> b.partialTilesVanish(false)),
        new Option("--no-witness", null, c -> "" + !c.witnessCosignature(), "no witness cosignature line in checkpoints",
                (b, v) -> b.witnessCosignature(false)),
        new Option("--tile-cache", "N", c -> "" + c.tileCacheTiles(), "data tiles kept in memory", (b, v) -> b.tileCacheTiles(integer(v))),
        new Option("--workers", "N", c -> "" + c.workerThreads(), "threads building pages and tiles", (b, v) -> b.workerThreads(integer(v))),
        new Option("--log-state", "NAME=STATE", c -> "usable", "log list state of a log, e.g. rfc0=retired (repeatable)",
                (b, v) -> b.logState(before(v), after(v))),
        new Option("--sth-period-ms", "MS", c -> "" + c.sthPeriod().toMillis(), "how often RFC 6962 logs publish an STH (0 = live tree)",
                (b, v) -> b.sthPeriod(Duration.ofMillis(longValue(v)))),
        new Option("--live-timestamps", null, c -> "" + c.liveTimestamps(), "stamp entries with the time growth reached them",
                (b, v) -> b.liveTimestamps(true)),
        new Option("--aligned-heads", null, c -> "" + c.alignedHeads(), "every log publishes its STH or checkpoint at the same"
                + " moment (default: each log at its own phase within the period)", (b, v) -> b.alignedHeads(true)),
        new Option("--ignore-range", null, c -> "" + !c.honourRange(), "answer Range requests on tiles with 200 and the whole tile",
                (b, v) -> b.honourRange(false)),
        new Option("--operator-limit", "NAME=RPS", c -> "none", "429 with Retry-After past RPS requests/s to an operator's logs;"
                + " NAME * for every operator (repeatable)", (b, v) -> b.operatorLimit(before(v), decimal(after(v)))),
        new Option("--huge-pages", "LOG", c -> "none", "LOG's get-entries pages and tiles are --huge-page-bytes long (repeatable)",
                (b, v) -> b.hugePages(v.trim())),
        new Option("--huge-page-bytes", "N", c -> "" + c.hugePageBytes(), "length of a huge page", (b, v) -> b.hugePageBytes(longValue(v))),
        new Option("--lie", "NAME=KIND@N", c -> "none", "make a log lie: tampered-entry@INDEX, wrong-root@SIZE,"
                + " bad-signature@SIZE or fork@BRANCH:SIZE, e.g. rfc0=fork@1000:1200 (repeatable)",
                (b, v) -> b.lie(before(v), Lie.parse(after(v)))),
        new Option("--extra-json", "PATH=FILE", c -> "none", "also serve FILE as JSON at PATH (repeatable)",
                (b, v) -> b.extraJson(before(v), read(after(v)))));

    private CliOptions() {
    }

    /** The configuration these arguments describe; IllegalArgumentException with a readable message otherwise. */
    static SimulatorConfig parse(String... args) {
        SimulatorConfig.Builder builder = SimulatorConfig.builder();
        // The profile first, so that options naming what it presets (--sth-period-ms...) override it.
        parse(builder, args, true);
        parse(builder, args, false);
        return builder.build();
    }

    private static void parse(SimulatorConfig.Builder builder, String[] args, boolean profileOnly) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            Option option = OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown option " + arg));
            String value = null;
            if (option.value() != null) {
                if (arg.contains("=")) {
                    value = arg.substring(arg.indexOf('=') + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(name + " needs a value (" + option.value() + ")");
                }
            } else if (arg.contains("=")) {
                throw new IllegalArgumentException(name + " takes no value");
            }
            if (profileOnly != name.equals("--profile")) {
                continue;
            }
            try {
                option.apply().accept(builder, value);
                builder.build();   // validates now, so a range error names the option that caused it
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
    }

    static String usage() {
        SimulatorConfig defaults = SimulatorConfig.builder().build();
        StringBuilder out = new StringBuilder("Usage: certstream simulator [options]\n"
                + "Serves a CT log list, RFC 6962 logs and static-ct-api logs with generated entries.\n\nOptions:\n");
        for (Option option : OPTIONS) {
            String left = option.name() + (option.value() == null ? "" : " " + option.value());
            out.append(String.format("  %-36s %s (default: %s)%n", left, option.help(), option.defaultText().apply(defaults)));
        }
        return out.append(String.format("  %-36s %s%n", "--help", "show this help")).toString();
    }

    private static int integer(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: '" + v + "'");
        }
    }

    private static long longValue(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: '" + v + "'");
        }
    }

    private static double decimal(String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + v + "'");
        }
    }

    private static Set<FaultKind> faults(String v) {
        if (v.isBlank() || v.trim().equals("none")) {
            return EnumSet.noneOf(FaultKind.class);
        }
        return EnumSet.copyOf(Arrays.stream(v.split(",")).map(FaultKind::parse).toList());
    }

    private static Path directory(String v) {
        Path dir = Path.of(v);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a directory: " + v);
        }
        return dir;
    }

    private static String before(String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected NAME=VALUE, got '" + pair + "'");
        }
        return pair.substring(0, eq);
    }

    private static String after(String pair) {
        before(pair);
        return pair.substring(pair.indexOf('=') + 1);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
