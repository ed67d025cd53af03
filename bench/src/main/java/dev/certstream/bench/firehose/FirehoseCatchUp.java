package dev.certstream.bench.firehose;

import dev.certstream.bench.ProcessProbe;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The catch-up case of a firehose run: at {@code --catch-up-at} the server is stopped (SIGTERM), after
 * {@code --downtime} started again on the same data directory, and from then on each second's freshness
 * p99 is watched until {@value FirehoseBench#FRESH_SECONDS} seconds in a row are at most the threshold:
 * the server is then fresh again. Called once a second by the benchmark's loop.
 */
final class FirehoseCatchUp {

    enum Phase { STEADY, DOWN, CATCHING_UP, FRESH }

    private final FirehoseOptions options;
    private Phase phase = Phase.STEADY;
    private long stoppedAt = -1;
    private long restartedAt = -1;
    private long firstCertificateAt = -1;
    private long freshAt = -1;
    private int freshRun;
    private long peakPss;
    private long missingAtStop;
    private long missingAtFresh;

    FirehoseCatchUp(FirehoseOptions options) {
        this.options = options;
    }

    /** Advances the case by one second; returns the probe of a restarted server, else null. */
    ProcessProbe onSecond(long seconds, FirehoseSample second, long pss, FirehoseProcesses processes,
                          Consumer<JsonObject> stopping) throws IOException, InterruptedException {
        if (options.catchUpAt() == null) {
            return null;
        }
        switch (phase) {
            case STEADY -> {
                if (seconds >= options.catchUpAt().toSeconds()) {
                    stopping.accept(processes.serverStats());
                    processes.stopServer();
                    stoppedAt = seconds;
                    missingAtStop = second.missing();
                    phase = Phase.DOWN;
                }
            }
            case DOWN -> {
                if (seconds >= stoppedAt + options.downtime().toSeconds()) {
                    restartedAt = seconds;
                    phase = Phase.CATCHING_UP;
                    return new ProcessProbe(processes.startServer());
                }
            }
            case CATCHING_UP -> {
                peakPss = Math.max(peakPss, pss);
                if (second.certificates() > 0 && firstCertificateAt < 0) {
                    firstCertificateAt = seconds;
                }
                boolean fresh = second.certificates() > 0
                        && second.freshnessSeconds(99) <= options.freshThreshold().toMillis() / 1000.0;
                freshRun = fresh ? freshRun + 1 : 0;
                if (freshRun == FirehoseBench.FRESH_SECONDS) {
                    freshAt = seconds - FirehoseBench.FRESH_SECONDS + 1;
                    missingAtFresh = second.missing();
                    phase = Phase.FRESH;
                }
            }
            default -> {
            }
        }
        return null;
    }

    boolean serverDown() {
        return phase == Phase.DOWN;
    }

    String phase() {
        return phase.name().toLowerCase().replace('_', '-');
    }

    /** The case's figures, or an empty string when there was none. */
    String summary() {
        if (options.catchUpAt() == null) {
            return "";
        }
        if (restartedAt < 0) {
            return "  catch-up      the server was stopped at " + stoppedAt + " s and not restarted before the end\n";
        }
        String fresh = freshAt < 0 ? "not fresh again before the end of the run"
                : FirehoseBench.format("fresh again %d s after the restart (p99 <= %.1f s for %d s in a row)",
                freshAt - restartedAt, options.freshThreshold().toMillis() / 1000.0, FirehoseBench.FRESH_SECONDS);
        return FirehoseBench.format("  catch-up      down %d s (stopped at %d s, restarted at %d s); first certificate %s; %s;"
                        + " peak PSS while catching up %.0f MB; indices missed across the restart %s%n",
                restartedAt - stoppedAt, stoppedAt, restartedAt,
                firstCertificateAt < 0 ? "never" : (firstCertificateAt - restartedAt) + " s after the restart", fresh,
                peakPss / 1e6, freshAt < 0 ? "n/a" : Long.toString(missingAtFresh - missingAtStop));
    }
}
