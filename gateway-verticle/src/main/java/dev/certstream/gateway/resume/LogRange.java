package dev.certstream.gateway.resume;

/** The indices {@code from} to {@code to} (both included) of one log. */
public record LogRange(String logUrl, long from, long to) {
}
