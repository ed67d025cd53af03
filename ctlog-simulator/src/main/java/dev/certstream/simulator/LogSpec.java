package dev.certstream.simulator;

import java.util.Objects;

/**
 * One generated log of a run: its path name, API, operator, human label and growth rate.
 *
 * @param name            path and config name ("rfc0", "tiled3"); also seeds its key and entries
 * @param type            "rfc6962" or "static-ct"
 * @param operator        the operator it is listed under in the log list
 * @param label           the log list description
 * @param growthPerSecond entries it gains per second
 */
public record LogSpec(String name, String type, String operator, String label, double growthPerSecond) {

    public LogSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(label, "label");
        if (!type.equals("rfc6962") && !type.equals("static-ct")) {
            throw new IllegalArgumentException("type must be rfc6962 or static-ct: " + type);
        }
        if (!(growthPerSecond >= 0)) {
            throw new IllegalArgumentException("growthPerSecond must be >= 0: " + growthPerSecond);
        }
    }

    boolean tiled() {
        return type.equals("static-ct");
    }
}
