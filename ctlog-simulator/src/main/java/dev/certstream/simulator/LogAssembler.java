package dev.certstream.simulator;

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
final class LogAssembler {

    static final String GENERATED_RFC_OPERATOR = "Simulated Operator A";
    static final String GENERATED_TILED_OPERATOR = "Simulated Operator B";
    static final String REPLAY_OPERATOR = "Simulated Replay Operator";

    /**
     * What {@link #prepare} builds: the pool (null without generated logs), the replay sources (or
     * null) and every log's signer (key generation is too slow for the event loop).
     */
    record Prepared(CertificatePool pool, EntrySource replayedCerts, EntrySource replayedTiles,
                    Map<String, LogSigner> signers) {
    }

    private LogAssembler() {
    }

    /** Blocking: builds the pool and reads replay directories. */
    static Prepared prepare(SimulatorConfig config) throws IOException {
        CertificatePool pool = config.rfc6962Logs() + config.tiledLogs() > 0
                ? CertificatePool.of(config.seed(), config.poolSize(), config.epochMs()) : null;
        EntrySource certs = config.replayCerts() == null ? null
                : ReplayedCertificates.load(config.replayCerts(), config.epochMs());
        EntrySource tiles = config.replayTiles() == null ? null : ReplayedTiles.load(config.replayTiles());
        Map<String, LogSigner> signers = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < config.rfc6962Logs(); i++) {
            names.add("rfc" + i);
        }
        for (int i = 0; i < config.tiledLogs(); i++) {
            names.add("tiled" + i);
        }
        if (certs != null) {
            names.add("replay-certs");
        }
        if (tiles != null) {
            names.add("replay-tiles");
        }
        names.forEach(name -> signers.put(name, new LogSigner(config.seed(), name)));
        return new Prepared(pool, certs, tiles, Map.copyOf(signers));
    }

    /** The logs served under {@code baseUrl} (no trailing slash), in log list order. */
    static List<SimulatedLog> assemble(SimulatorConfig config, Prepared prepared, String baseUrl) {
        double corruptRate = config.faults().contains(FaultKind.CORRUPT) ? config.corruptRate() : 0;
        List<SimulatedLog> logs = new ArrayList<>();
        for (int i = 0; i < config.rfc6962Logs(); i++) {
            String name = "rfc" + i;
            logs.add(new SimulatedLog(name, "rfc6962", baseUrl + "/" + name + "/", null, GENERATED_RFC_OPERATOR,
                    prepared.signers().get(name), generated(config, prepared, name, corruptRate), config));
        }
        if (prepared.replayedCerts() != null) {
            logs.add(new SimulatedLog("replay-certs", "rfc6962", baseUrl + "/replay-certs/", null, REPLAY_OPERATOR,
                    prepared.signers().get("replay-certs"), prepared.replayedCerts(), config));
        }
        for (int i = 0; i < config.tiledLogs(); i++) {
            logs.add(tiled(config, prepared, baseUrl, "tiled" + i, GENERATED_TILED_OPERATOR,
                    generated(config, prepared, "tiled" + i, corruptRate)));
        }
        if (prepared.replayedTiles() != null) {
            logs.add(tiled(config, prepared, baseUrl, "replay-tiles", REPLAY_OPERATOR, prepared.replayedTiles()));
        }
        return logs;
    }

    private static SimulatedLog tiled(SimulatorConfig config, Prepared prepared, String baseUrl, String name,
                                      String operator, EntrySource source) {
        return new SimulatedLog(name, "static-ct", baseUrl + "/mon/" + name + "/", baseUrl + "/sub/" + name + "/",
                operator, prepared.signers().get(name), source, config);
    }

    private static EntrySource generated(SimulatorConfig config, Prepared prepared, String name, double corruptRate) {
        return new GeneratedEntries(prepared.pool(), config.seed(), name, corruptRate, config.sharedRate(), config.epochMs());
    }
}
