package dev.certstream.render.ct;

import dev.certstream.testing.TestData;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fingerprint is its 32 bytes: equal by value, a map key, hex only on demand, immune to its source array. */
class FingerprintTest {

    private static final byte[] DER = "a certificate".getBytes(StandardCharsets.US_ASCII);

    @Test
    void equalBytesAreEqualKeys() {
        byte[] digest = TestData.sha256(DER);
        Fingerprint a = Fingerprint.of(digest);
        Fingerprint b = Fingerprint.sha256(DER);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        Map<Fingerprint, String> map = new HashMap<>();
        map.put(a, "issuer");
        assertEquals("issuer", map.get(Fingerprint.of(digest.clone())));
        assertNull(map.get(Fingerprint.sha256("another".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void bytesThatDifferOnlyPastTheHashedPrefixAreDifferentKeys() {
        byte[] digest = TestData.sha256(DER);
        byte[] tail = digest.clone();
        tail[31] ^= 1;
        assertEquals(Fingerprint.of(digest).hashCode(), Fingerprint.of(tail).hashCode());
        assertNotEquals(Fingerprint.of(digest), Fingerprint.of(tail));
    }

    @Test
    void hexIsTheIssuerUrlSpelling() {
        Fingerprint f = Fingerprint.sha256(DER);
        assertEquals(TestData.hex(TestData.sha256(DER)), f.hex());
        assertEquals(64, f.hex().length());
        assertEquals(f.hex(), f.toString());
    }

    @Test
    void matchesOnlyTheBytesItIsTheHashOf() {
        Fingerprint f = Fingerprint.sha256(DER);
        assertTrue(f.matches(DER));
        assertFalse(f.matches("a certificatf".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void neitherTheSourceNorTheCopyChangesIt() {
        byte[] digest = TestData.sha256(DER);
        Fingerprint f = Fingerprint.of(digest);
        digest[0] ^= 1;
        f.bytes()[1] ^= 1;
        assertArrayEquals(TestData.sha256(DER), f.bytes());
    }

    @Test
    void onlyThirtyTwoBytesMakeAFingerprint() {
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.of(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.of(new byte[33]));
    }
}
