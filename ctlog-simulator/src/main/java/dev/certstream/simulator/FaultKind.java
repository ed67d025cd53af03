package dev.certstream.simulator;

import java.util.Arrays;
import java.util.Locale;

/** The failures the simulator can inject, named as the CLI's {@code --faults} list names them. */
public enum FaultKind {
    /** 429 Too Many Requests with a Retry-After header (seconds). */
    RATE_LIMIT("429"),
    /** 500 Internal Server Error. */
    SERVER_ERROR("500"),
    /** The right answer, after a delay. */
    SLOW("slow"),
    /** No answer at all; the connection is closed after a long delay so nothing leaks. */
    TIMEOUT("timeout"),
    /** A 200 whose body (JSON, checkpoint or tile) is cut in half. */
    TRUNCATE("truncate"),
    /** Persistent: a deterministic set of indices per log holds garbage certificate bytes. */
    CORRUPT("corrupt"),
    /** Now and then an STH or checkpoint smaller than the real tree. */
    SHRINK("shrink");

    private final String cliName;

    FaultKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** The kind with this CLI name (case-insensitive). */
    public static FaultKind parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault kind '" + name + "' (known: "
                        + String.join(",", Arrays.stream(values()).map(FaultKind::cliName).toList()) + ")"));
    }

    /** Whether this kind happens per request (all but CORRUPT, which is a property of the log). */
    public boolean perRequest() {
        return this != CORRUPT;
    }
}
