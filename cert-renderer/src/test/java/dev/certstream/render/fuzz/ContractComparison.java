package dev.certstream.render.fuzz;

import dev.certstream.render.asn1.TextOut;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the contract (wire-format.md) says each field of a certificate must be, built from OpenSSL's
 * answer (openssl-fuzz-oracle.c), compared field by field with our rendering. Written apart from the
 * renderer so that it checks it: only the byte-to-text rule ({@link TextOut#decode}) is shared.
 */
final class ContractComparison {
    /** How one certificate came out. */
    enum Outcome {
        /** Both read it and every field agrees. */
        AGREE,
        /** Both refuse it. */
        BOTH_REFUSE,
        /** OpenSSL refuses it, we render it: the renderer is lenient on purpose (README, "Differential fuzzing"). */
        LENIENT,
        /** A field differs, or we refuse what OpenSSL reads. */
        DISAGREE
    }

    /** The outcome, the fields that differ (name, OpenSSL's value, ours) and OpenSSL's refusal reason. */
    record Verdict(Outcome outcome, List<String> differences, String opensslError) {
    }

    private static final String POISON = "1.3.6.1.4.1.11129.2.4.3";
    private static final String SCTS = "1.3.6.1.4.1.11129.2.4.2";
    private static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    private static final String[] NAME_FIELDS = {"C", "ST", "L", "O", "OU", "CN", "emailAddress"};
    /** The contract's key type for OpenSSL's key short names (wire-format.md, signature_algorithm). */
    private static final Map<String, String> KEY_TYPES = Map.of(
            "rsaEncryption", "rsa", "RSA", "rsa", "id-ecPublicKey", "ecdsa", "DSA", "dsa", "DSA-old", "dsa", "SM2", "sm2");

    private ContractComparison() {
    }

    /**
     * @param der     the certificate as given to both
     * @param ours    our CERT object (with all_domains), or null when we refused it
     * @param openssl the oracle's answer
     */
    static Verdict compare(byte[] der, JsonNode ours, JsonNode openssl) {
        boolean theyRead = openssl.path("ok").asBoolean();
        String err = theyRead ? null : openssl.path("err").asText();
        if (!theyRead) {
            return new Verdict(ours == null ? Outcome.BOTH_REFUSE : Outcome.LENIENT, List.of(), err);
        }
        if (ours == null) {
            return new Verdict(Outcome.DISAGREE, List.of("certificate: OpenSSL reads it, we refuse it"), null);
        }
        Map<String, String> expected = expected(der, openssl);
        List<String> diffs = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String actual = actual(ours, e.getKey());
            if (!Objects.equals(e.getValue(), actual)) {
                diffs.add(e.getKey() + "\n    openssl: " + e.getValue() + "\n    ours:    " + actual);
            }
        }
        return new Verdict(diffs.isEmpty() ? Outcome.AGREE : Outcome.DISAGREE, diffs, null);
    }

    /** Field path (as {@link #actual} reads it) to the contract's value, as text. */
    static Map<String, String> expected(byte[] der, JsonNode o) {
        Map<String, String> f = new LinkedHashMap<>();
        List<String> subjectCns = name(f, "subject", o.path("subject"));
        name(f, "issuer", o.path("issuer"));
        extensions(f, o.path("ext"));
        f.put("not_before", o.path("nb").isNull() ? "null" : o.path("nb").asText());
        f.put("not_after", o.path("na").isNull() ? "null" : o.path("na").asText());
        f.put("serial_number", serial(o.path("serial").asText()));
        byte[] own = Arrays.copyOf(der, o.path("used").asInt());
        // The contract's fingerprints are of the bytes as logged; OpenSSL digests its re-encoding, which
        // is the same bytes only when the input was DER (see README, "Differential fuzzing").
        boolean der2 = o.path("reenc").asBoolean();
        String sha1 = der2 ? upperColon(o.path("sha1").asText()) : TextOut.hexColon(digest("SHA-1", own), true);
        f.put("fingerprint", sha1);
        f.put("sha1", sha1);
        f.put("sha256", der2 ? upperColon(o.path("sha256").asText()) : TextOut.hexColon(digest("SHA-256", own), true));
        f.put("signature_algorithm", signatureAlgorithm(o.path("sig")));
        f.put("is_ca", String.valueOf(o.path("ca").asBoolean()));
        LinkedHashSet<String> domains = new LinkedHashSet<>(subjectCns);
        o.path("san").forEach(n -> domains.add(new String(HexFormat.of().parseHex(n.asText()), StandardCharsets.ISO_8859_1)));
        f.put("all_domains", String.join(", ", domains));
        return f;
    }

    /** Fills {@code side.aggregated} and the attribute fields; returns the CN values in order. */
    private static List<String> name(Map<String, String> f, String side, JsonNode entries) {
        StringBuilder agg = new StringBuilder();
        Map<String, String> first = new HashMap<>();
        List<String> cns = new ArrayList<>();
        int prevSet = -1;
        for (JsonNode e : entries) {
            String field = e.get(0).asText();
            int set = e.get(1).asInt();
            String value = text(e.get(2).asText());
            agg.append(set == prevSet ? '+' : '/').append(field).append('=').append(value);
            prevSet = set;
            first.putIfAbsent(field, value);
            if (field.equals("CN")) {
                cns.add(value);
            }
        }
        f.put(side + ".aggregated", agg.toString());
        for (String n : NAME_FIELDS) {
            f.put(side + "." + n, first.getOrDefault(n, "null"));
        }
        return cns;
    }

    private static void extensions(Map<String, String> f, JsonNode exts) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (JsonNode e : exts) {
            String oid = e.path("oid").asText();
            String sn = e.path("sn").isNull() ? null : e.path("sn").asText();
            byte[] value = HexFormat.of().parseHex(e.path("v").asText());
            String key = oid.equals(POISON) ? "ctlPoisonByte" : oid.equals(SCTS) ? "ctlSignedCertificateTimestamp"
                    : sn != null ? sn : oid;
            int n = seen.merge(key, 1, Integer::sum);
            key = n > 1 ? key + "#" + n : key;
            keys.add(key);
            String text;
            if (oid.equals(POISON)) {
                text = "true";
            } else if (oid.equals(SCTS)) {
                text = Base64.getUrlEncoder().encodeToString(value);
            } else if (sn == null || (e.path("m").asBoolean() && !e.path("p").asBoolean())) {
                // No name, or a printer that failed: the contract's lowercase colon hex of the value.
                text = TextOut.hexColon(value, false);
            } else if (e.path("m").asBoolean()) {
                text = block(new String(HexFormat.of().parseHex(e.path("t").asText()), StandardCharsets.ISO_8859_1));
            } else {
                // A name without a printer: openssl x509 -text shows ASN1_STRING_print's dump under it.
                text = block(" ".repeat(16) + dump(value));
            }
            f.put("extensions." + key, text);
        }
        f.put("extensions (keys)", String.join(", ", keys));
    }

    /** An extension block as the contract holds it: trailing blank lines dropped, 16-space indent removed. */
    static String block(String bytes) {
        List<String> lines = new ArrayList<>(Arrays.asList(bytes.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).chars().allMatch(c -> c == ' ')) {
            lines.remove(lines.size() - 1);
        }
        List<String> stripped = new ArrayList<>(lines.size());
        for (String line : lines) {
            int strip = 0;
            while (strip < 16 && strip < line.length() && line.charAt(strip) == ' ') {
                strip++;
            }
            stripped.add(line.substring(strip));
        }
        String joined = String.join("\n", stripped);
        return TextOut.decode(joined, 0, joined.length());
    }

    /** ASN1_STRING_print: printable ASCII, CR and LF kept, anything else '.'. */
    static String dump(byte[] value) {
        StringBuilder sb = new StringBuilder(value.length);
        for (byte x : value) {
            int c = x & 0xff;
            sb.append(c > '~' || (c < ' ' && c != '\n' && c != '\r') ? '.' : (char) c);
        }
        return sb.toString();
    }

    private static String signatureAlgorithm(JsonNode sig) {
        String oid = sig.path("oid").asText();
        if (oid.equals(RSASSA_PSS)) {
            String hash = sig.path("pss").asText();
            // Parameters that do not decode: the renderer's documented choice is RFC 4055's default, SHA-1.
            return (hash.isEmpty() ? "sha1" : hash.toLowerCase(Locale.ROOT)) + ", rsassa-pss";
        }
        String pk = sig.path("pk").isNull() ? null : sig.path("pk").asText();
        String md = sig.path("md").isNull() ? null : sig.path("md").asText();
        if ("ED25519".equals(pk) || "ED448".equals(pk)) {
            return pk.toLowerCase(Locale.ROOT);
        }
        String key = pk == null ? null : KEY_TYPES.get(pk);
        return md == null || key == null ? oid : md.toLowerCase(Locale.ROOT) + ", " + key;
    }

    /** BN_bn2hex without its leading zero digits. */
    private static String serial(String bn) {
        boolean negative = bn.startsWith("-");
        String digits = (negative ? bn.substring(1) : bn).replaceFirst("^0+(?=.)", "");
        return negative ? "-" + digits : digits;
    }

    /** Our value of a field path, as text. */
    static String actual(JsonNode ours, String path) {
        if (path.equals("extensions (keys)")) {
            List<String> keys = new ArrayList<>();
            ours.path("extensions").fieldNames().forEachRemaining(keys::add);
            return String.join(", ", keys);
        }
        if (path.equals("all_domains")) {
            List<String> d = new ArrayList<>();
            ours.path("all_domains").forEach(n -> d.add(n.asText()));
            return String.join(", ", d);
        }
        JsonNode n = ours;
        if (path.startsWith("extensions.")) {
            n = ours.path("extensions").path(path.substring("extensions.".length()));
        } else {
            for (String part : path.split("\\.")) {
                n = n.path(part);
            }
        }
        return n.isMissingNode() ? "<missing>" : n.isNull() ? "null" : n.asText();
    }

    private static String text(String hex) {
        String bytes = new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1);
        return TextOut.decode(bytes, 0, bytes.length());
    }

    private static String upperColon(String hex) {
        return TextOut.hexColon(HexFormat.of().parseHex(hex), true);
    }

    private static byte[] digest(String algorithm, byte[] b) {
        try {
            return MessageDigest.getInstance(algorithm).digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
