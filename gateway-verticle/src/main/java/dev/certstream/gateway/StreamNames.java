package dev.certstream.gateway;

import dev.certstream.contract.StreamKind;

/** The public names of the streams: their route and the key used in {@code /stats} and metrics. */
final class StreamNames {

    private StreamNames() {
    }

    /** The label of a stream in {@code /stats} and metrics. */
    static String of(StreamKind kind) {
        return switch (kind) {
            case LITE -> "lite";
            case FULL -> "full";
            case DOMAINS -> "domains";
        };
    }

    /** The websocket route of a stream, without trailing slash. */
    static String route(StreamKind kind) {
        return switch (kind) {
            case LITE -> "/";
            case FULL -> "/full-stream";
            case DOMAINS -> "/domains-only";
        };
    }
}
