package dev.certstream.gateway.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the API tokens file: one token per line, {@code <token>} or {@code sha256:<64 hex>} followed by
 * optional {@code name=}, {@code streams=} and {@code per_minute=}; {@code #} starts a comment. Tokens are
 * kept only as SHA-256 hashes. A bad line is skipped and logged by its number, never its content.
 */
public final class TokenFile {

    /** Shorter plain tokens are guessable; they are refused. */
    static final int MIN_TOKEN_LENGTH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);
    private static final HexFormat HEX = HexFormat.of();

    private TokenFile() {
    }

    /** The grants by token hash (lowercase hex), from the file's lines. */
    public static Map<String, TokenGrant> parse(List<String> lines, int defaultStreams, int defaultPerMinute, String source) {
        Map<String, TokenGrant> grants = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String hash = hashOf(fields[0]);
            if (hash == null) {
                LOG.warn("{} line {}: skipped, a token must have at least {} characters or be sha256:<64 hex digits>",
                        source, n + 1, MIN_TOKEN_LENGTH);
                continue;
            }
            String name = "token-" + hash.substring(0, 8);
            int streams = defaultStreams;
            int perMinute = defaultPerMinute;
            boolean ok = true;
            for (int f = 1; f < fields.length && ok; f++) {
                String[] kv = fields[f].split("=", 2);
                try {
                    switch (kv.length == 2 ? kv[0] : "") {
                        case "name" -> name = kv[1];
                        case "streams" -> streams = positive(kv[1]);
                        case "per_minute" -> perMinute = positive(kv[1]);
                        default -> ok = false;
                    }
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                LOG.warn("{} line {}: skipped, options are name=, streams= and per_minute= (positive numbers)", source, n + 1);
                continue;
            }
            grants.put(hash, new TokenGrant(name, streams, perMinute));
        }
        return grants;
    }

    private static int positive(String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new NumberFormatException();
        }
        return n;
    }

    private static String hashOf(String field) {
        if (field.startsWith("sha256:")) {
            String hex = field.substring(7).toLowerCase(java.util.Locale.ROOT);
            return hex.matches("[0-9a-f]{64}") ? hex : null;
        }
        return field.length() >= MIN_TOKEN_LENGTH ? sha256(field) : null;
    }

    /** The lowercase hex SHA-256 of a token, as the store keeps it. */
    public static String sha256(String token) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
