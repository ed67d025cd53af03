package dev.certstream.gateway.unique;

import dev.certstream.contract.EntryFacts;
import dev.certstream.gateway.filter.FilterSpec;

import java.nio.charset.StandardCharsets;

/**
 * What a claim is keyed by: 64 bits of the leaf's SHA-256 ({@code unique=certificate}) or of the issuance id
 * ({@code unique=issuance}), mixed with the mode and a scope. The scope is the whole stream, except for a
 * filter whose match can differ between entries of one certificate (by log or entry type, and for
 * issuances by issuer: a precertificate may name its precertificate signing CA): then "first" means first
 * among the entries that filter selects, and the filter is the scope. Claimants are (log, index) in 64 bits.
 */
public final class ClaimKeys {

    /** No key: the envelope has no hash to de-duplicate on (tools, tests); it always passes. */
    public static final long NONE = 0;

    private ClaimKeys() {
    }

    /** The scope of a filter under a mode: 0 for the whole stream. */
    public static long scope(FilterSpec spec, UniqueMode mode) {
        boolean perFilter = !spec.logs().isEmpty() || !spec.types().isEmpty()
                || mode == UniqueMode.ISSUANCE && !spec.issuers().isEmpty();
        return perFilter ? hash(spec.key().getBytes(StandardCharsets.UTF_8)) | 1 : 0;
    }

    public static long key(UniqueMode mode, long scope, EntryFacts facts) {
        byte[] hash = mode == UniqueMode.ISSUANCE ? facts.issuanceId() : facts.leafSha256();
        if (mode == UniqueMode.NONE || hash.length < 8) {
            return NONE;
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = bits << 8 | (hash[i] & 0xff);
        }
        long key = mix(bits ^ mix(scope + mode.ordinal()));
        return key == NONE ? 1 : key;
    }

    public static long claimant(int logId, long index) {
        return mix(((long) logId << 32) ^ index ^ 0x5bd1e995L);
    }

    private static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
