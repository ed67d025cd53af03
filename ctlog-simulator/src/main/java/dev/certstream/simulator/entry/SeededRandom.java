package dev.certstream.simulator.entry;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * A SecureRandom that is a pure function of (seed, label), so keys, certificates and signatures made
 * with it come out byte-identical on every run with the same seed; never use it for real secrets.
 */
public final class SeededRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    // SecureRandom's constructor calls setSeed before our fields exist; until then we ignore it.
    private transient SplittableRandom stream;

    public SeededRandom(long seed, String label) {
        this.stream = new SplittableRandom(mix(seed, label));
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; ) {
            long word = stream.nextLong();
            for (int b = 0; b < 8 && i < bytes.length; b++, i++) {
                bytes[i] = (byte) word;
                word >>>= 8;
            }
        }
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        byte[] out = new byte[numBytes];
        nextBytes(out);
        return out;
    }

    @Override
    public void setSeed(long seed) {
        // Ignored on purpose: outside callers must not change the deterministic stream.
    }

    @Override
    public void setSeed(byte[] seed) {
        // Ignored on purpose, as above.
    }

    @Override
    public String getAlgorithm() {
        return "certstream-simulator-seeded";
    }

    /** A well-spread 64-bit value of a seed and a label (FNV-1a over the label, then SplitMix64). */
    public static long mix(long seed, String label) {
        long h = 0xcbf29ce484222325L;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return mix(seed ^ h);
    }

    /** SplitMix64's finaliser: a cheap bijective scramble, so neighbouring inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The value of entry {@code index} of a stream named by {@code salt}: a pure function of both. */
    static long at(long salt, long index) {
        return mix(salt + 0x9e3779b97f4a7c15L * (index + 1));
    }
}
