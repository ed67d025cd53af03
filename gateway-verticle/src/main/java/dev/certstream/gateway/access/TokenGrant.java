package dev.certstream.gateway.access;

/**
 * What one API token allows: its caps, and the name logs and limits use for it (never the token).
 *
 * @param name             a label from the tokens file, or {@code token-<first 8 hex of its SHA-256>}
 * @param maxStreams       concurrent streams for all clients using the token
 * @param streamsPerMinute new streams per minute for all clients using the token
 */
public record TokenGrant(String name, int maxStreams, int streamsPerMinute) {
}
