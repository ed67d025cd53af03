package dev.certstream.watcher.ct;

import dev.certstream.testing.TestData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Strict signed-note parsing of checkpoints: the skylight one, and notes malformed one way each. */
class CheckpointTest {

    static final String SKYLIGHT = "static-ct/skylight-synthetic-rome2026h1/";
    private static final String ROOT = "lCkHUpkmVBEms2r2T1K6Og69+wUuuN3MIEW1/ezu2v0=";
    private static final String SIG = "\u2014 example.org/log AAAAAAAAAAAAAAAA\n";

    /** Expected values from log.v3.json (final_tree_head) and a Python decode of the signature line. */
    @Test
    void parsesTheSkylightCheckpoint() throws Exception {
        Checkpoint checkpoint = Checkpoint.parse(TestData.bytes(SKYLIGHT + "checkpoint"));
        assertEquals("rome2026h1.example.org", checkpoint.origin());
        assertEquals(300, checkpoint.treeSize());
        assertArrayEquals(Base64.getDecoder().decode(ROOT), checkpoint.rootHash());
        assertEquals(List.of(), checkpoint.extensionLines());
        assertEquals(1, checkpoint.signatures().size());
        CheckpointSignature signature = checkpoint.signatures().get(0);
        assertEquals("rome2026h1.example.org", signature.keyName());
        assertEquals(0x91507526, signature.keyId());
        assertEquals(83, signature.signature().length);
        assertEquals("rome2026h1.example.org\n300\n" + ROOT + "\n", checkpoint.text());
    }

    @Test
    void keepsExtensionLinesAndEverySignature() throws Exception {
        String note = "example.org/log\n0\n" + ROOT + "\nextension one\nextension two\n\n" + SIG
                + "\u2014 witness.example/w AAECAwQF\n";
        Checkpoint checkpoint = parse(note);
        assertEquals(0, checkpoint.treeSize());
        assertEquals(List.of("extension one", "extension two"), checkpoint.extensionLines());
        assertEquals(List.of("example.org/log", "witness.example/w"),
                checkpoint.signatures().stream().map(CheckpointSignature::keyName).toList());
        assertEquals(0x00010203, checkpoint.signatures().get(1).keyId());
        assertArrayEquals(new byte[] {4, 5}, checkpoint.signatures().get(1).signature());
    }

    /** Each broken note, and the words its rejection must give (so it is refused for the right reason). */
    static Stream<Arguments> malformedNotes() {
        return Stream.of(
            Arguments.of("", "does not end in a newline"),
            Arguments.of("example.org/log\n300\nROOT\n", "no blank line"),
            Arguments.of("example.org/log\n300\nROOT\n\n", "no signature lines"),
            Arguments.of("example.org/log\n300\nROOT\n\nCUTSIG", "does not end in a newline"),
            Arguments.of("example.org/log\r\n300\r\nROOT\r\n\r\nSIG", "lines must end in \\n alone"),
            Arguments.of("example.org/log\n300\nROOT\n\n\u2014 example.org/log AAAA\tAAAA\n", "U+0009"),
            Arguments.of("\n300\nROOT\n\nSIG", "empty origin"),
            Arguments.of("example.org/log\n0300\nROOT\n\nSIG", "leading zeros: 0300"),
            Arguments.of("example.org/log\n-3\nROOT\n\nSIG", "tree size is not a decimal"),
            Arguments.of("example.org/log\n3 \nROOT\n\nSIG", "tree size is not a decimal"),
            Arguments.of("example.org/log\n9999999999999999999\nROOT\n\nSIG", "tree size out of range"),
            Arguments.of("example.org/log\n300\n\nSIG", "has 2 lines, needs 3"),
            Arguments.of("example.org/log\n300\nAAAA\n\nSIG", "root hash of 3 bytes"),
            Arguments.of("example.org/log\n300\nnot base64!\n\nSIG", "root hash is not valid base64"),
            Arguments.of("example.org/log\n300\nROOT\n\n\nSIG", "empty extension line"),
            Arguments.of("example.org/log\n300\nROOT\n\nSIG\nSIG", "empty extension line"),
            Arguments.of("example.org/log\n300\nROOT\n\n- example.org/log AAAAAAAAAAAAAAAA\n", "em dash"),
            Arguments.of("example.org/log\n300\nROOT\n\n\u2014example.org/log AAAAAAAAAAAAAAAA\n", "em dash"),
            Arguments.of("example.org/log\n300\nROOT\n\n\u2014 example.org/log\n", "without a key name"),
            Arguments.of("example.org/log\n300\nROOT\n\n\u2014  AAAAAAAAAAAAAAAA\n", "without a key name"),
            Arguments.of("example.org/log\n300\nROOT\n\n\u2014 a+b AAAAAAAAAAAAAAAA\n", "space or '+'"),
            Arguments.of("example.org/log\n300\nROOT\n\n\u2014 a\u00a0b AAAAAAAAAAAAAAAA\n", "space or '+'"),
            Arguments.of("example.org/log\n300\nROOT\n\n\u2014 example.org/log AAAAAA==\n", "only 4 bytes"),
            Arguments.of("example.org/log\n300\nROOT\n\n\u2014 example.org/log AAAA AAAA\n", "not valid base64"));
    }

    @ParameterizedTest
    @MethodSource("malformedNotes")
    void rejectsMalformedNotes(String template, String reason) {
        String note = template.replace("ROOT", ROOT).replace("CUTSIG", SIG.strip()).replace("SIG", SIG);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> parse(note), note);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] note = ("example.org/log\n300\n" + ROOT + "\n\n" + SIG).getBytes(StandardCharsets.UTF_8);
        note[3] = (byte) 0xC3; // a lead byte followed by ASCII
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.parse(note));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void enforcesTheSizeAndSignatureLimits() throws Exception {
        String note = "example.org/log\n300\n" + ROOT + "\n\n" + SIG.repeat(4);
        byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
        assertEquals(4, Checkpoint.parse(bytes, new CheckpointLimits(bytes.length, 4)).signatures().size());
        CheckpointFormatException tooMany = assertThrows(CheckpointFormatException.class,
                () -> Checkpoint.parse(bytes, new CheckpointLimits(bytes.length, 3)));
        assertTrue(tooMany.getMessage().contains("4 signature lines"), tooMany.getMessage());
        CheckpointFormatException tooBig = assertThrows(CheckpointFormatException.class,
                () -> Checkpoint.parse(bytes, new CheckpointLimits(bytes.length - 1, 4)));
        assertTrue(tooBig.getMessage().contains("over the limit"), tooBig.getMessage());
        // The spec says verifiers must accept at least 16 signatures: the defaults do.
        String sixteen = "example.org/log\n300\n" + ROOT + "\n\n" + SIG.repeat(16);
        assertEquals(16, parse(sixteen).signatures().size());
    }

    private static Checkpoint parse(String note) throws CheckpointFormatException {
        return Checkpoint.parse(note.getBytes(StandardCharsets.UTF_8));
    }
}
