package dev.certstream.watcher.ct;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A tiled log's checkpoint (c2sp.org/tlog-checkpoint), parsed strictly as a signed note
 * (c2sp.org/signed-note); its signatures are not verified here (see {@link CheckpointVerifier}).
 *
 * @param origin         the log's origin line
 * @param treeSize       the number of entries in the tree
 * @param rootHash       the 32-byte RFC 6962 Merkle tree hash
 * @param extensionLines any lines after the root hash, kept as given
 * @param signatures     every signature line, in order, whoever signed it
 * @param text           the signed note text (ending in a newline, without the blank line)
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, List<String> extensionLines,
                         List<CheckpointSignature> signatures, String text) {

    private static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final Pattern TREE_SIZE = Pattern.compile("0|[1-9][0-9]*");
    private static final int ROOT_HASH_BYTES = 32;
    private static final int KEY_ID_BYTES = 4;

    public Checkpoint {
        extensionLines = List.copyOf(extensionLines);
        signatures = List.copyOf(signatures);
    }

    /** Parses with {@link CheckpointLimits#DEFAULTS}. */
    public static Checkpoint parse(byte[] note) throws CheckpointFormatException {
        return parse(note, CheckpointLimits.DEFAULTS);
    }

    public static Checkpoint parse(byte[] note, CheckpointLimits limits) throws CheckpointFormatException {
        if (note.length > limits.maxNoteBytes()) {
            throw new CheckpointFormatException("note of " + note.length + " bytes is over the limit of "
                    + limits.maxNoteBytes());
        }
        String all = utf8(note);
        checkCharacters(all);
        if (!all.endsWith("\n")) {
            throw new CheckpointFormatException("note does not end in a newline");
        }
        // The spec separates text from signatures at the last blank line; the text may hold none itself.
        int split = all.lastIndexOf("\n\n");
        if (split < 0) {
            throw new CheckpointFormatException("no blank line between the text and the signatures");
        }
        String text = all.substring(0, split + 1);
        List<CheckpointSignature> signatures = parseSignatures(all.substring(split + 2), limits.maxSignatures());

        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new CheckpointFormatException("checkpoint text has " + lines.length + " lines, needs 3");
        }
        if (lines[0].isEmpty()) {
            throw new CheckpointFormatException("empty origin line");
        }
        if (!TREE_SIZE.matcher(lines[1]).matches()) {
            throw new CheckpointFormatException("tree size is not a decimal without leading zeros: " + lines[1]);
        }
        long treeSize;
        try {
            treeSize = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new CheckpointFormatException("tree size out of range: " + lines[1], e);
        }
        byte[] rootHash = base64(lines[2], "root hash");
        if (rootHash.length != ROOT_HASH_BYTES) {
            throw new CheckpointFormatException("root hash of " + rootHash.length + " bytes, not 32");
        }
        List<String> extensions = List.of(lines).subList(3, lines.length);
        if (extensions.contains("")) {
            throw new CheckpointFormatException("empty extension line");
        }
        return new Checkpoint(lines[0], treeSize, rootHash, extensions, signatures, text);
    }

    private static List<CheckpointSignature> parseSignatures(String block, int maxSignatures)
            throws CheckpointFormatException {
        if (block.isEmpty()) {
            throw new CheckpointFormatException("no signature lines");
        }
        String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
        if (lines.length > maxSignatures) {
            throw new CheckpointFormatException(lines.length + " signature lines, more than the limit of "
                    + maxSignatures);
        }
        List<CheckpointSignature> signatures = new ArrayList<>(lines.length);
        for (String line : lines) {
            signatures.add(parseSignature(line));
        }
        return signatures;
    }

    private static CheckpointSignature parseSignature(String line) throws CheckpointFormatException {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new CheckpointFormatException("signature line does not start with an em dash and a space: "
                    + abbreviate(line));
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space <= 0) {
            throw new CheckpointFormatException("signature line without a key name and a signature: "
                    + abbreviate(line));
        }
        String keyName = rest.substring(0, space);
        if (keyName.indexOf('+') >= 0 || keyName.codePoints().anyMatch(Checkpoint::isSpace)) {
            throw new CheckpointFormatException("key name with a space or '+': " + abbreviate(keyName));
        }
        byte[] decoded = base64(rest.substring(space + 1), "signature of " + keyName);
        if (decoded.length <= KEY_ID_BYTES) {
            throw new CheckpointFormatException("signature of " + keyName + " is only " + decoded.length + " bytes");
        }
        int keyId = ByteBuffer.wrap(decoded, 0, KEY_ID_BYTES).getInt();
        byte[] signature = new byte[decoded.length - KEY_ID_BYTES];
        System.arraycopy(decoded, KEY_ID_BYTES, signature, 0, signature.length);
        return new CheckpointSignature(keyName, keyId, signature);
    }

    private static String utf8(byte[] note) throws CheckpointFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(note)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException("note is not valid UTF-8", e);
        }
    }

    /** The spec forbids control characters except newline, which also rules out CRLF line endings. */
    private static void checkCharacters(String note) throws CheckpointFormatException {
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new CheckpointFormatException(String.format("control character U+%04X at offset %d%s", (int) c,
                        i, c == '\r' ? " (lines must end in \\n alone)" : ""));
            }
        }
    }

    private static byte[] base64(String value, String what) throws CheckpointFormatException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(what + " is not valid base64", e);
        }
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
