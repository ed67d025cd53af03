package dev.certstream.watcher.ct;

/**
 * One signature line of a signed note: {@code — <key name> base64(key ID || signature)}.
 *
 * @param keyName   the signer's key name
 * @param keyId     the 32-bit key ID (big-endian in the note)
 * @param signature the bytes after the key ID, in the signature type's own encoding
 */
public record CheckpointSignature(String keyName, int keyId, byte[] signature) {
}
