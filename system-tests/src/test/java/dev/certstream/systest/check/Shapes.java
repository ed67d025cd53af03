package dev.certstream.systest.check;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The wire contract (shared/docs/wire-format.md) as assertions on parsed messages, shared by every test
 * that reads a stream or a JSON route. Each failure names the field and shows the offending message.
 */
public final class Shapes {

    public static final Pattern SHA1 = Pattern.compile("([0-9A-F]{2}:){19}[0-9A-F]{2}");
    public static final Pattern SHA256 = Pattern.compile("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    public static final Pattern SERIAL = Pattern.compile("-?(0|[1-9A-F][0-9A-F]*)");
    /** A DNS name as certificates carry them: optional wildcard label, LDH labels (punycode included). */
    public static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?([A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9])?\\.)+[A-Za-z0-9-]{2,63}");
    private static final List<String> NAME_KEYS = List.of("aggregated", "C", "ST", "L", "O", "OU", "CN", "emailAddress");
    /** Epoch seconds between 2001 and 2286: catches milliseconds or a zero sneaking in. */
    private static final double MIN_SECONDS = 1e9;
    private static final double MAX_SECONDS = 1e10;

    private Shapes() {
    }

    /** A lite {@code certificate_update}: no {@code as_der}, no {@code chain}. */
    public static void assertLiteUpdate(JsonNode message) {
        JsonNode data = assertUpdateEnvelope(message);
        assertCert(data.get("leaf_cert"), true, false, message);
        check(!data.has("chain"), "lite message has a chain", message);
    }

    /** A full {@code certificate_update}: {@code as_der} on the leaf and on every chain certificate. */
    public static void assertFullUpdate(JsonNode message) {
        JsonNode data = assertUpdateEnvelope(message);
        assertCert(data.get("leaf_cert"), true, true, message);
        JsonNode chain = data.get("chain");
        check(chain != null && chain.isArray(), "full message without a chain array", message);
        for (JsonNode cert : chain) {
            assertCert(cert, false, true, message);
        }
    }

    /** A {@code dns_entries} message: data is an array of domain names. */
    public static void assertDnsEntries(JsonNode message) {
        check("dns_entries".equals(message.path("message_type").asText()), "not dns_entries", message);
        JsonNode data = message.get("data");
        check(data != null && data.isArray(), "dns_entries data is not an array", message);
        data.forEach(name -> check(name.isTextual(), "dns_entries holds a non-string", message));
    }

    /** A heartbeat: {@code {"message_type":"heartbeat","timestamp":<epoch seconds>}}. */
    public static void assertHeartbeat(JsonNode message) {
        check("heartbeat".equals(message.path("message_type").asText()), "not a heartbeat", message);
        assertEpochSeconds(message.get("timestamp"), "heartbeat timestamp", message);
    }

    private static JsonNode assertUpdateEnvelope(JsonNode message) {
        check("certificate_update".equals(message.path("message_type").asText()), "not a certificate_update", message);
        JsonNode data = message.get("data");
        check(data != null && data.isObject(), "no data object", message);
        String type = data.path("update_type").asText();
        check(type.equals("X509LogEntry") || type.equals("PrecertLogEntry"), "update_type " + type, message);
        boolean poisoned = data.path("leaf_cert").path("extensions").path("ctlPoisonByte").asBoolean(false);
        check(poisoned == type.equals("PrecertLogEntry"), "ctlPoisonByte does not match update_type " + type, message);
        check(data.path("cert_index").isIntegralNumber() && data.get("cert_index").asLong() >= 0, "cert_index", message);
        check(data.path("issuance_id").asText().matches("[0-9a-f]{64}"), "issuance_id", message);
        check(data.path("verified").isBoolean(), "verified is not a boolean", message);
        assertEpochSeconds(data.get("seen"), "seen", message);
        JsonNode source = data.get("source");
        check(source != null && source.isObject(), "no source object", message);
        String url = source.path("url").asText();
        check(url.startsWith("http://") || url.startsWith("https://"), "source.url " + url, message);
        check(source.path("name").isTextual() && source.path("operator").isTextual(), "source name/operator", message);
        assertEpochSeconds(source.get("timestamp"), "source.timestamp", message);
        String logType = source.path("type").asText();
        String link = data.path("cert_link").asText();
        long index = data.get("cert_index").asLong();
        if (logType.equals("rfc6962")) {
            check(link.equals(url + "ct/v1/get-entries?start=" + index + "&end=" + index), "rfc6962 cert_link " + link, message);
        } else {
            check(logType.equals("static-ct"), "source.type " + logType, message);
            check(link.startsWith(url + "tile/data/"), "static-ct cert_link " + link, message);
        }
        return data;
    }

    /** One CERT object; {@code leaf} adds all_domains, {@code withDer} requires as_der matching the fingerprints. */
    public static void assertCert(JsonNode cert, boolean leaf, boolean withDer, JsonNode message) {
        check(cert != null && cert.isObject(), "missing certificate object", message);
        for (String name : List.of("subject", "issuer")) {
            JsonNode dn = cert.get(name);
            check(dn != null && dn.isObject(), "no " + name, message);
            for (String key : NAME_KEYS) {
                check(dn.has(key) && (dn.get(key).isNull() || dn.get(key).isTextual()), name + "." + key, message);
            }
            check(dn.get("aggregated").isTextual(), name + ".aggregated is not a string", message);
        }
        check(cert.path("extensions").isObject(), "extensions is not an object", message);
        check(cert.path("not_before").isIntegralNumber() && cert.path("not_after").isIntegralNumber(), "validity not integers", message);
        check(SERIAL.matcher(cert.path("serial_number").asText()).matches(), "serial_number", message);
        check(SHA1.matcher(cert.path("fingerprint").asText()).matches(), "fingerprint", message);
        check(cert.path("fingerprint").equals(cert.path("sha1")), "fingerprint != sha1", message);
        check(SHA256.matcher(cert.path("sha256").asText()).matches(), "sha256", message);
        check(!cert.path("signature_algorithm").asText().isEmpty(), "signature_algorithm", message);
        check(cert.path("is_ca").isBoolean(), "is_ca is not a boolean", message);
        if (leaf) {
            JsonNode domains = cert.get("all_domains");
            check(domains != null && domains.isArray(), "all_domains is not an array", message);
            Set<String> unique = new HashSet<>();
            domains.forEach(d -> check(d.isTextual() && unique.add(d.asText()), "all_domains entry " + d, message));
        }
        if (withDer) {
            check(cert.path("as_der").isTextual(), "no as_der", message);
            byte[] der = Base64.getDecoder().decode(cert.get("as_der").asText());
            assertEquals(cert.get("sha1").asText(), colonHex("SHA-1", der), "sha1 is not the SHA-1 of as_der");
            assertEquals(cert.get("sha256").asText(), colonHex("SHA-256", der), "sha256 is not the SHA-256 of as_der");
        } else {
            check(!cert.has("as_der"), "as_der present where the contract has none", message);
        }
    }

    public static void assertEpochSeconds(JsonNode value, String what, JsonNode message) {
        check(value != null && value.isNumber(), what + " is not a number", message);
        double seconds = value.asDouble();
        check(seconds > MIN_SECONDS && seconds < MAX_SECONDS, what + " is not epoch seconds: " + seconds, message);
    }

    public static String colonHex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void check(boolean ok, String what, JsonNode message) {
        if (!ok) {
            String text = String.valueOf(message);
            fail(what + " in " + (text.length() > 3000 ? text.substring(0, 3000) + "..." : text));
        }
    }

    /** Every item looks like a domain name. */
    public static void assertDomains(Iterable<String> names) {
        for (String name : names) {
            assertTrue(DOMAIN.matcher(name).matches(), "not a domain name: " + name);
            assertFalse(name.isBlank());
        }
    }
}
