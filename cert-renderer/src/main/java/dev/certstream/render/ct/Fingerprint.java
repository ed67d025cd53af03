package dev.certstream.render.ct;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A certificate's SHA-256 as a value: compared and hashed by its 32 bytes, so that issuers and chain
 * certificates are keyed by the digest itself; hex is made only where a URL needs it.
 */
public final class Fingerprint {
    public static final int BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });

    private final byte[] digest;
    private final int hash;

    private Fingerprint(byte[] digest) {
        this.digest = digest;
        // A SHA-256 is already uniform: its first four bytes are as good a hash as any.
        this.hash = (digest[0] << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
    }

    /** The fingerprint with these 32 bytes (copied). */
    public static Fingerprint of(byte[] digest) {
        if (digest.length != BYTES) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + digest.length);
        }
        return new Fingerprint(digest.clone());
    }

    /** The fingerprint whose 32 bytes this caller made and hands over (never changed afterwards). */
    static Fingerprint own(byte[] digest) {
        if (digest.length != BYTES) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + digest.length);
        }
        return new Fingerprint(digest);
    }

    /** The SHA-256 of these bytes. */
    public static Fingerprint sha256(byte[] data) {
        return new Fingerprint(SHA256.get().digest(data));
    }

    /** Whether these bytes hash to this fingerprint (compared in constant time). */
    public boolean matches(byte[] data) {
        return MessageDigest.isEqual(SHA256.get().digest(data), digest);
    }

    /** Lowercase hex, as static-ct-api issuer URLs spell it. */
    public String hex() {
        return HEX.formatHex(digest);
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && hash == f.hash && Arrays.equals(digest, f.digest);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }
}
