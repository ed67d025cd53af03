package dev.certstream.watcher.ct;

import dev.certstream.testing.AllocationBound;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * Coverage-guided fuzzing (Jazzer) of the checkpoint parser and verifier: a malformed note gives
 * CheckpointFormatException and nothing else, a parsed one verifies or fails without throwing, and no
 * note allocates far beyond its size. A normal test run replays the seeds and past findings in
 * {@code src/test/resources/dev/certstream/watcher/ct/CheckpointFuzzTestInputs/checkpoint/}; to fuzz:
 * {@code bin/certstream fuzz-jazzer --time 10m CheckpointFuzzTest#checkpoint}.
 */
class CheckpointFuzzTest {
    private static final CheckpointVerifier VERIFIER = verifier();

    static {
        // The first parse and verification load classes and providers: not the input's doing.
        try {
            VERIFIER.verify(Checkpoint.parse(dev.certstream.testing.TestData.bytes("static-ct/skylight-synthetic-rome2026h1/checkpoint")));
        } catch (CheckpointFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CheckpointVerifier verifier() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new CheckpointVerifier(g.generateKeyPair().getPublic().getEncoded(), "rome2026h1.example.org");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void checkpoint(byte[] note) throws Exception {
        AllocationBound.check(note.length, 64, 4L << 20, () -> {
            Checkpoint parsed;
            try {
                parsed = Checkpoint.parse(note);
            } catch (CheckpointFormatException expected) {
                return;
            }
            VERIFIER.verify(parsed);
        });
    }
}
