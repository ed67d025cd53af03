package dev.certstream.simulator.log;

import dev.certstream.simulator.FaultKind;
import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.entry.CertificatePool;
import dev.certstream.simulator.entry.EntrySource;
import dev.certstream.simulator.entry.GeneratedEntries;
import dev.certstream.simulator.entry.ReplayedCertificates;
import dev.certstream.simulator.entry.ReplayedTiles;
import dev.certstream.simulator.entry.Timeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a configuration into the simulated logs: first the slow part off the event loop
 * ({@link #prepare}: the certificate pool and replayed files), then, once the port is known, the
 * logs with their URLs ({@link #assemble}).
 */
public final class LogAssembler {

    public static final String GENERATED_RFC_OPERATOR = "Simulated Operator A";
    public static final String GENERATED_TILED_OPERATOR = "Simulated Operator B";
    static final String REPLAY_OPERATOR = "Simulated Replay Operator";

    /**
     * What {@link #prepare} builds: the pool (null without generated logs), the replay sources (or
     * null) and every log's signer (key generation is too slow for the event loop).
     */
    public record Prepared(CertificatePool pool, EntrySource replayedCerts, EntrySource replayedTiles,
                    Map<String, LogSigner> signers) {
    }

    private LogAssembler() {
    }

    /** Blocking: builds the pool and reads replay directories. */
    public static Prepared prepare(SimulatorConfig config) throws IOException {
        CertificatePool pool = !config.profile().logs(config).isEmpty()
                ? CertificatePool.of(config.seed(), config.poolSize(), config.epochMs()) : null;
        EntrySource certs = config.replayCerts() == null ? null
                : ReplayedCertificates.load(config.replayCerts(), config.epochMs());
        EntrySource tiles = config.replayTiles() == null ? null : ReplayedTiles.load(config.replayTiles());
        Map<String, LogSigner> signers = new HashMap<>();
        List<String> names = new ArrayList<>();
        config.profile().logs(config).forEach(spec -> names.add(spec.name()));
        if (certs != null) {
            names.add("replay-certs");
        }
        if (tiles != null) {
            names.add("replay-tiles");
        }
        names.forEach(name -> signers.put(name, new LogSigner(config.seed(), name)));
        return new Prepared(pool, certs, tiles, Map.copyOf(signers));
    }

    /** The logs served under {@code baseUrl} (no trailing slash), in log list order; growth starts at {@code startMs}. */
    public static List<SimulatedLog> assemble(SimulatorConfig config, Prepared prepared, String baseUrl, long startMs) {
        double corruptRate = config.faults().contains(FaultKind.CORRUPT) ? config.corruptRate() : 0;
        List<LogSpec> specs = config.profile().logs(config);
        List<SimulatedLog> logs = new ArrayList<>();
        for (LogSpec spec : specs.stream().filter(spec -> !spec.tiled()).toList()) {
            logs.add(generated(config, prepared, baseUrl, spec, corruptRate, startMs));
        }
        if (prepared.replayedCerts() != null) {
            logs.add(new SimulatedLog("replay-certs", "rfc6962", baseUrl + "/replay-certs/", null, REPLAY_OPERATOR,
                    label("replay-certs"), prepared.signers().get("replay-certs"), prepared.replayedCerts(), config,
                    timeline(config, prepared.replayedCerts(), startMs, config.growthPerSecond())));
        }
        for (LogSpec spec : specs.stream().filter(LogSpec::tiled).toList()) {
            logs.add(generated(config, prepared, baseUrl, spec, corruptRate, startMs));
        }
        if (prepared.replayedTiles() != null) {
            logs.add(tiled(config, prepared, baseUrl, "replay-tiles", REPLAY_OPERATOR, label("replay-tiles"),
                    prepared.replayedTiles(), timeline(config, prepared.replayedTiles(), startMs, config.growthPerSecond())));
        }
        return logs;
    }

    private static SimulatedLog generated(SimulatorConfig config, Prepared prepared, String baseUrl, LogSpec spec,
                                          double corruptRate, long startMs) {
        Timeline timeline = new Timeline(startMs, config.initialSize(), spec.growthPerSecond());
        EntrySource source = new GeneratedEntries(prepared.pool(), config.seed(), spec.name(), corruptRate,
                config.sharedRate(), config.epochMs(), config.liveTimestamps() ? timeline : null);
        if (spec.tiled()) {
            return tiled(config, prepared, baseUrl, spec.name(), spec.operator(), spec.label(), source, timeline);
        }
        return new SimulatedLog(spec.name(), "rfc6962", baseUrl + "/" + spec.name() + "/", null, spec.operator(),
                spec.label(), prepared.signers().get(spec.name()), source, config, timeline);
    }

    private static SimulatedLog tiled(SimulatorConfig config, Prepared prepared, String baseUrl, String name,
                                      String operator, String label, EntrySource source, Timeline timeline) {
        return new SimulatedLog(name, "static-ct", baseUrl + "/mon/" + name + "/", baseUrl + "/sub/" + name + "/",
                operator, label, prepared.signers().get(name), source, config, timeline);
    }

    private static Timeline timeline(SimulatorConfig config, EntrySource source, long startMs, double perSecond) {
        return new Timeline(startMs, source.initialSize(config.initialSize()), perSecond);
    }

    private static String label(String name) {
        return "Certstream Simulator '" + name + "' log";
    }
}
