package dev.certstream.gateway.stream;

import dev.certstream.contract.StreamKind;

/** The public names of the streams: their route and the key used in {@code /stats} and metrics. */
public final class StreamNames {

    private StreamNames() {
    }

    /** The label of a stream in {@code /stats} and metrics. */
    public static String of(StreamKind kind) {
        return switch (kind) {
            case LITE -> "lite";
            case FULL -> "full";
            case DOMAINS -> "domains";
        };
    }

    /** The websocket route of a stream, without trailing slash. */
    public static String route(StreamKind kind) {
        return switch (kind) {
            case LITE -> "/";
            case FULL -> "/full-stream";
            case DOMAINS -> "/domains-only";
        };
    }
}
