package dev.certstream.bench;

import dev.certstream.testing.TestData;
import dev.certstream.contract.CertificateEnvelope;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static dev.certstream.bench.MessageScanner.NOT_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The byte scanner on real certstream messages, on odd but valid JSON, and on garbage (which must never throw). */
class MessageScannerTest {

    private static Buffer text(String s) {
        return Buffer.buffer(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheRealCaliDogMessage() throws IOException {
        Buffer message = Buffer.buffer(Files.readAllBytes(TestData.path("certstream-format/calidog-frontend-example.json")));
        assertEquals(1_581_741_558_477_939L, MessageScanner.seenMicros(message));
        assertEquals(343_999_487L, MessageScanner.certIndex(message));
        assertEquals(MessageScanner.logKey(text("{\"url\":\"ct.googleapis.com/logs/argon2020/\"}")), MessageScanner.logKey(message));
        assertEquals(MessageScanner.Kind.CERTIFICATE, MessageScanner.kind(message, MessageScanner.seenMicros(message)));
    }

    @Test
    void readsTheBenchRenderingsOfEveryStream() {
        long seen = 1_764_072_000_123_456L;
        CertificateEnvelope envelope = SampleCertificates.load().envelope("https://log.example/", "Example", 42, seen);
        for (Buffer message : new Buffer[]{envelope.lite(), envelope.full()}) {
            assertEquals(seen, MessageScanner.seenMicros(message));
            assertEquals(42, MessageScanner.certIndex(message));
            assertEquals(MessageScanner.logKey(text("{\"url\":\"https://log.example/\"}")), MessageScanner.logKey(message));
        }
        assertTrue(envelope.lite().length() > 1000 && envelope.lite().length() < 2500, "lite is ~1.5 KB: " + envelope.lite().length());
        Buffer domains = envelope.domains();
        assertEquals(NOT_FOUND, MessageScanner.seenMicros(domains));
        assertEquals(MessageScanner.Kind.OTHER, MessageScanner.kind(domains, NOT_FOUND));
    }

    @Test
    void tellsHeartbeatsFromCertificates() {
        Buffer heartbeat = text("{\"message_type\":\"heartbeat\",\"timestamp\":1508483726.86}");
        assertEquals(NOT_FOUND, MessageScanner.seenMicros(heartbeat));
        assertEquals(MessageScanner.Kind.HEARTBEAT, MessageScanner.kind(heartbeat, NOT_FOUND));
        Buffer noSeen = text("{\"message_type\":\"certificate_update\",\"data\":{\"cert_index\":1}}");
        assertEquals(MessageScanner.Kind.CERTIFICATE, MessageScanner.kind(noSeen, MessageScanner.seenMicros(noSeen)));
    }

    @Test
    void acceptsEveryJsonFormOfTheNumber() {
        assertEquals(1_508_483_726_860_168L, MessageScanner.seenMicros(text("{\"data\": {\"seen\" :\n 1508483726.860168}}")));
        assertEquals(1_500_000_000_000_000L, MessageScanner.seenMicros(text("{\"seen\":1.5E9}")));
        assertEquals(1_500_000_000_000_000L, MessageScanner.seenMicros(text("{\"seen\":15e+8}")));
        assertEquals(1_700_000_001_000_000L, MessageScanner.seenMicros(text("{\"seen\":1700000001}")));
        assertEquals(1_700_000_001_500_000L, MessageScanner.seenMicros(text("{\"seen\":1700000001.5}")));
        assertEquals(1_234L, MessageScanner.seenMicros(text("{\"seen\":0.001234}")));
        assertEquals(1_700_000_001_123_456L, MessageScanner.seenMicros(text("{\"seen\":1700000001.1234567891234}")));
        assertEquals(-2_500_000L, MessageScanner.seenMicros(text("{\"seen\":-2.5}")));
        assertEquals(0, MessageScanner.seenMicros(text("{\"seen\":0.0}")));
        // "seen" as a string value comes first; the key after it is the one read.
        assertEquals(7_000_000L, MessageScanner.seenMicros(text("{\"tags\":[\"seen\"],\"seen\":7}")));
    }

    @Test
    void certIndexMustBeANonNegativeInteger() {
        assertEquals(0, MessageScanner.certIndex(text("{\"cert_index\":0}")));
        assertEquals(NOT_FOUND, MessageScanner.certIndex(text("{\"cert_index\":-3}")));
        assertEquals(NOT_FOUND, MessageScanner.certIndex(text("{\"cert_index\":3.5}")));
        assertEquals(NOT_FOUND, MessageScanner.certIndex(text("{\"cert_index\":\"3\"}")));
    }

    @Test
    void logKeysDifferByUrlAndHandleEscapes() {
        long a = MessageScanner.logKey(text("{\"url\":\"https://a.example/\"}"));
        long b = MessageScanner.logKey(text("{\"url\":\"https://b.example/\"}"));
        assertNotEquals(a, b);
        assertNotEquals(NOT_FOUND, MessageScanner.logKey(text("{\"url\":\"with \\\" quote\"}")));
        assertEquals(NOT_FOUND, MessageScanner.logKey(text("{\"url\":\"unterminated")));
        assertEquals(NOT_FOUND, MessageScanner.logKey(text("{\"url\":42}")));
    }

    @Test
    void malformedValuesAreNotFound() {
        String[] bad = {"", "{", "\"seen\"", "{\"seen\":", "{\"seen\": ", "{\"seen\":\"1.5\"}", "{\"seen\":null}",
                "{\"seen\":-}", "{\"seen\":.}", "{\"seen\":1e}", "{\"seen\":1e+}", "{\"seen\":1e9999}",
                "{\"seen\":99999999999999999999999}", "{\"seen\" 1}", "{\"seen\"}", "{\"seen\":\u00e9}"};
        for (String s : bad) {
            assertEquals(NOT_FOUND, MessageScanner.seenMicros(text(s)), s);
        }
    }

    @Test
    void neverThrowsOnTruncatedOrRandomBytes() {
        Buffer real = SampleCertificates.load().envelope("https://log.example/", "Example", 7, 1_764_072_000_000_001L).lite();
        for (int end = 0; end <= real.length(); end++) {
            scanAll(real.getBuffer(0, end));
        }
        Random random = new Random(20261125);
        byte[] alphabet = "\"seen:cert_index url0123456789.eE+-{}[], \\".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt();
            }
            scanAll(Buffer.buffer(bytes));
        }
    }

    private static void scanAll(Buffer message) {
        long seen = MessageScanner.seenMicros(message);
        MessageScanner.kind(message, seen);
        MessageScanner.certIndex(message);
        MessageScanner.logKey(message);
    }

    @Test
    void bytePatternFindsFirstOccurrenceInRange() {
        BytePattern pattern = new BytePattern("abab");
        MessageBytes haystack = MessageBytes.of(text("xxababab"));
        assertEquals(2, pattern.indexIn(haystack, 0, haystack.length()));
        assertEquals(4, pattern.indexIn(haystack, 3, haystack.length()));
        assertEquals(-1, pattern.indexIn(haystack, 5, haystack.length()));
        assertEquals(-1, pattern.indexIn(haystack, 0, 5));
        assertEquals(-1, pattern.indexIn(MessageBytes.of(text("ab")), 0, 2));
    }

    @Test
    void bytePatternFindsLastOccurrenceInRange() {
        BytePattern pattern = new BytePattern("abab");
        MessageBytes haystack = MessageBytes.of(text("xxabababx"));
        assertEquals(4, pattern.lastIndexIn(haystack, 0, haystack.length()));
        assertEquals(2, pattern.lastIndexIn(haystack, 0, 7));
        assertEquals(-1, pattern.lastIndexIn(haystack, 3, 7));
        assertEquals(-1, pattern.lastIndexIn(haystack, 0, 5));
        assertEquals(-1, pattern.lastIndexIn(MessageBytes.of(text("ab")), 0, 2));
        Random random = new Random(20261205);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) "ab\"x".charAt(random.nextInt(4));
            }
            String s = new String(bytes, StandardCharsets.US_ASCII);
            int to = random.nextInt(bytes.length + 1);
            assertEquals(s.substring(0, to).lastIndexOf("abab"), pattern.lastIndexIn(MessageBytes.of(text(s)), 0, to), s + " to " + to);
            assertEquals(s.indexOf("abab"), pattern.indexIn(MessageBytes.of(text(s)), 0, bytes.length), s);
        }
    }

    @Test
    void keysAreFoundBeforeOrAfterALargeCertificate() {
        String leaf = "\"leaf_cert\":{\"extensions\":\"" + "x".repeat(3000) + "\"}";
        String fields = "\"cert_index\":9,\"seen\":2.5,\"source\":{\"url\":\"https://l.example/\",\"timestamp\":1.25}";
        Buffer after = text("{\"message_type\":\"certificate_update\",\"data\":{" + leaf + "," + fields + "}}");
        Buffer before = text("{\"message_type\":\"certificate_update\",\"data\":{" + fields + "," + leaf + "}}");
        for (Buffer message : List.of(after, before)) {
            assertEquals(9, MessageScanner.certIndex(message));
            assertEquals(2_500_000L, MessageScanner.seenMicros(message));
            assertEquals(1_250_000L, MessageScanner.sourceTimestampMicros(message));
            assertEquals(MessageScanner.logKey(text("{\"url\":\"https://l.example/\"}")), MessageScanner.logKey(message));
        }
    }

    @Test
    void aStringValueEqualToAKeyIsSkippedInEitherDirection() {
        // Certstream's keys occur once; a string value equal to a key, before or after it, is not a key.
        assertEquals(7_000_000L, MessageScanner.seenMicros(text("{\"seen\":7,\"tags\":[\"seen\"]}")));
        assertEquals(5, MessageScanner.certIndex(text("{\"cert_index\":5,\"x\":\"cert_index\",\"y\":\"cert_index\"}")));
    }

    @Test
    void readsASliceOfALargerArrayFromItsOwnStart() {
        // A slice shares its parent's array from an offset: positions must count from the slice's start.
        Buffer slice = text("{\"cert_index\":1}{\"cert_index\":42,\"seen\":1.5}").slice(16, 44);
        assertEquals(42, MessageScanner.certIndex(slice));
        assertEquals(1_500_000, MessageScanner.seenMicros(slice));
        assertEquals(28, MessageBytes.of(slice).length());
    }
}
