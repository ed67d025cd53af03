package dev.certstream.simulator;

import java.util.Locale;

/** When static-ct-api responses are gzip-compressed. */
public enum GzipMode {
    /** Always, even when the client did not ask (as some real CDNs and buckets do). */
    ALWAYS,
    /** When the request's Accept-Encoding allows gzip. */
    NEGOTIATED,
    /** Never. */
    NEVER;

    public static GzipMode parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown gzip mode '" + name + "' (known: always, negotiated, never)", e);
        }
    }

    /** Whether a response to a request with this Accept-Encoding header (may be null) is gzipped. */
    public boolean gzipFor(String acceptEncoding) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case NEGOTIATED -> acceptsGzip(acceptEncoding);
        };
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] codingAndParams = part.trim().split(";");
            if (codingAndParams[0].trim().equals("gzip") || codingAndParams[0].trim().equals("*")) {
                return !(codingAndParams.length > 1 && codingAndParams[1].replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }
}
