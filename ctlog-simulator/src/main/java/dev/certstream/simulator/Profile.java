package dev.certstream.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which generated logs a run serves: {@code STANDARD} is the configured counts of RFC 6962 and tiled
 * logs at one growth rate; {@code FIREHOSE} is shaped like the 2026 log list ({@link FirehoseProfile}).
 */
public enum Profile {
    STANDARD, FIREHOSE;

    static Profile parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown profile '" + value + "' (known: standard, firehose)");
        }
    }

    /** The generated logs of this profile under {@code config}, RFC 6962 logs first, in log list order. */
    List<LogSpec> logs(SimulatorConfig config) {
        if (this == FIREHOSE) {
            return FirehoseProfile.logs(config.rateScale());
        }
        List<LogSpec> logs = new ArrayList<>();
        for (int i = 0; i < config.rfc6962Logs(); i++) {
            logs.add(new LogSpec("rfc" + i, "rfc6962", LogAssembler.GENERATED_RFC_OPERATOR,
                    "Certstream Simulator 'rfc" + i + "' log", config.growthPerSecond()));
        }
        for (int i = 0; i < config.tiledLogs(); i++) {
            logs.add(new LogSpec("tiled" + i, "static-ct", LogAssembler.GENERATED_TILED_OPERATOR,
                    "Certstream Simulator 'tiled" + i + "' log", config.growthPerSecond()));
        }
        return logs;
    }
}
