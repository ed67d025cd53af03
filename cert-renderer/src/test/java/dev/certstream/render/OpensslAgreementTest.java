package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;
import dev.certstream.testing.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every field of the contract, for every certificate in testdata/certs, against what OpenSSL 3.0.19
 * printed for it (the .json oracle next to each .pem); each certificate is its own case, named by its file.
 */
class OpensslAgreementTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String[] NAME_FIELDS = {"C", "ST", "L", "O", "OU", "CN"};

    /** Totals over all cases, printed once: the README quotes them. */
    private static final AtomicInteger FIELDS = new AtomicInteger();
    private static final AtomicInteger AGREED = new AtomicInteger();
    private static final AtomicInteger CERTIFICATES = new AtomicInteger();
    private static final AtomicInteger CERTIFICATES_AGREED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();

    private final CertificateRenderer renderer = new CertificateRenderer();

    /** The oracle certificates by file name, each its own case. */
    static List<String> oracleCertificates() throws Exception {
        List<Path> pems = TestData.oracleCertificates();
        assertTrue(pems.size() >= 200, "expected the 219 oracle certificates, found " + pems.size());
        return pems.stream().map(p -> p.getFileName().toString()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracleCertificates")
    void everyContractFieldAgreesWithOpenssl(String file) throws Exception {
        Path pem = TestData.certs().resolve(file);
        JsonNode oracle = MAPPER.readTree(TestData.oracleOf(pem).toFile());
        byte[] der = TestData.firstCertificate(pem);
        if (oracle.has("openssl_error")) {
            REFUSED.incrementAndGet();
            try {
                renderer.render(der, true);
            } catch (CertificateParseException expectedOrNot) {
                assertTrue(expectedOrNot.getMessage().length() > 10, "a clear message");
            }
            return;
        }
        CERTIFICATES.incrementAndGet();
        JsonNode ours = MAPPER.readTree(renderer.render(der, true).full());
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Object[]> c : checks(oracle, ours, der).entrySet()) {
            FIELDS.incrementAndGet();
            if (c.getValue()[0].equals(c.getValue()[1])) {
                AGREED.incrementAndGet();
            } else {
                mismatches.add(c.getKey() + "\n   openssl: " + c.getValue()[0] + "\n   ours:    " + c.getValue()[1]);
            }
        }
        if (mismatches.isEmpty()) {
            CERTIFICATES_AGREED.incrementAndGet();
        } else {
            fail(mismatches.size() + " fields differ from OpenSSL:\n" + String.join("\n", mismatches));
        }
    }

    @AfterAll
    static void printTotals() {
        System.out.printf("OpenSSL agreement: %d/%d fields, %d/%d certificates (%d refused by OpenSSL, rendered or refused cleanly)%n",
                AGREED.get(), FIELDS.get(), CERTIFICATES_AGREED.get(), CERTIFICATES.get(), REFUSED.get());
    }

    /** check name -> {expected, actual}. */
    private static Map<String, Object[]> checks(JsonNode oracle, JsonNode ours, byte[] der) throws Exception {
        Map<String, Object[]> c = new LinkedHashMap<>();
        for (String side : new String[] {"subject", "issuer"}) {
            c.put(side + ".aggregated", pair(expectedAggregated(oracle, side), ours.path(side).path("aggregated").asText()));
            for (String f : NAME_FIELDS) {
                c.put(side + "." + f, pair(text(oracle.path(side).path(f)), text(ours.path(side).path(f))));
            }
            JsonNode emails = oracle.path(side + "_fields_all").path("emailAddress");
            c.put(side + ".emailAddress", pair(emails.isArray() ? emails.get(0).asText() : null, text(ours.path(side).path("emailAddress"))));
        }
        Map<String, String> rawOids = new HashMap<>();
        Map<String, byte[]> raw = rawExtensions(der, rawOids);
        JsonNode ourExt = ours.path("extensions");
        List<String> expectedKeys = new ArrayList<>();
        boolean[] truncated = {false};
        oracle.path("extensions").fields().forEachRemaining(e -> {
            String key = e.getKey();
            String text = e.getValue().path("text").asText();
            byte[] value = raw.get(key);
            switch (key) {
                case "ct_precert_poison" -> {
                    expectedKeys.add("ctlPoisonByte");
                    c.put("extensions.ctlPoisonByte", pair(true, ourExt.path("ctlPoisonByte").asBoolean(false)));
                }
                case "ct_precert_scts" -> {
                    expectedKeys.add("ctlSignedCertificateTimestamp");
                    c.put("extensions.ctlSignedCertificateTimestamp", pair(Base64.getUrlEncoder().encodeToString(value),
                            text(ourExt.path("ctlSignedCertificateTimestamp"))));
                    // The contract sends base64, but OpenSSL's SCT text checks the SCT printer used for ct_cert_scts.
                    TextOut sct = new TextOut();
                    try {
                        SctPrinter.print(sct, value, 16);
                        c.put("ct_precert_scts as OpenSSL text", pair(text, ExtensionRenderer.normalize(sct)));
                    } catch (DerException ex) {
                        c.put("ct_precert_scts as OpenSSL text", pair(text, "<failed: " + ex.getMessage() + ">"));
                    }
                }
                default -> {
                    expectedKeys.add(key);
                    String actual = text(ourExt.path(key));
                    String dump = value == null ? null : asn1StringPrint(value);
                    boolean unknownOid = key.matches("[0-9.]+(#\\d+)?");
                    boolean rawDump = dump != null && dump.equals(text);
                    String block = value == null ? null : ExtensionRenderer.opensslBlock(new ExtensionRenderer.RawExtension(
                            rawOids.get(key), false, value));
                    String cut = block == null ? null : oracleCut(block);
                    if (cut != null && !cut.equals(ExtensionRenderer.normalize(new TextOut().ascii(block))) && cut.equals(text)) {
                        // OpenSSL's block holds a line that is blank or not indented (a raw dump with a line
                        // break, a CRL distribution point list with a blank line): the oracle's reader stopped
                        // there and lost every extension after it. Our value is the whole block (or the hex
                        // of the raw value where OpenSSL fell back to a dump).
                        truncated[0] = true;
                        c.put("extensions." + key + " (oracle cut at a line break)", pair(text, cut));
                        boolean dumped = dump != null && block.equals(" ".repeat(16) + dump);
                        String expected = dumped && (unknownOid || ExtensionPrinters.forOid(rawOids.get(key)) != null)
                                ? hexLower(value) : ExtensionRenderer.normalize(new TextOut().ascii(block));
                        c.put("extensions." + key, pair(expected, actual));
                    } else if (unknownOid || (rawDump && !text.equals(actual))) {
                        // OpenSSL had no name or could not decode it: the contract wants the hex of the raw
                        // value, and that value, printed as ASN1_STRING_print prints it, must be OpenSSL's text.
                        c.put("extensions." + key + " (dump)", pair(text, dump));
                        c.put("extensions." + key, pair(value == null ? null : hexLower(value), actual));
                    } else {
                        c.put("extensions." + key, pair(text, actual));
                    }
                }
            }
        });
        List<String> ourKeys = new ArrayList<>();
        ourExt.fieldNames().forEachRemaining(ourKeys::add);
        if (truncated[0] && ourKeys.size() > expectedKeys.size()) {
            ourKeys = ourKeys.subList(0, expectedKeys.size());
        }
        c.put("extensions (keys)", pair(expectedKeys, ourKeys));
        boolean oracleHasBasicConstraints = oracle.path("extensions").has("basicConstraints");
        if (truncated[0] && !oracleHasBasicConstraints && raw.containsKey("basicConstraints")) {
            boolean ca = BasicConstraints.getInstance(ASN1Primitive.fromByteArray(raw.get("basicConstraints"))).isCA();
            c.put("is_ca (Bouncy Castle; oracle truncated)", pair(ca, ours.path("is_ca").asBoolean()));
        } else {
            c.put("is_ca", pair(oracle.path("is_ca").asBoolean(), ours.path("is_ca").asBoolean()));
        }
        c.put("not_before", pair(oracle.path("not_before").asLong(), ours.path("not_before").asLong()));
        c.put("not_after", pair(oracle.path("not_after").asLong(), ours.path("not_after").asLong()));
        c.put("serial_number", pair(oracle.path("serial_certstream").asText(), ours.path("serial_number").asText()));
        c.put("fingerprint", pair(oracle.path("fingerprint_sha1").asText(), ours.path("fingerprint").asText()));
        c.put("sha1", pair(oracle.path("fingerprint_sha1").asText(), ours.path("sha1").asText()));
        c.put("sha256", pair(oracle.path("fingerprint_sha256").asText(), ours.path("sha256").asText()));
        c.put("signature_algorithm", pair(contractSignatureName(oracle.path("signature_algorithm").asText()),
                ours.path("signature_algorithm").asText()));
        c.put("all_domains", pair(strings(oracle.path("all_domains")), strings(ours.path("all_domains"))));
        return c;
    }

    /** The oracle's reading of a block: lines up to the first one not indented by 16 spaces, indent removed. */
    static String oracleCut(String block) {
        List<String> kept = new ArrayList<>();
        for (String line : block.split("\n", -1)) {
            if (!line.startsWith(" ".repeat(16))) {
                break;
            }
            kept.add(line.substring(16));
        }
        return String.join("\n", kept);
    }

    /** The oracle writes an empty name as "/=" (its script read one empty attribute); OpenSSL prints nothing. */
    private static String expectedAggregated(JsonNode oracle, String side) {
        String agg = oracle.path(side + "_aggregated_dn_order_all_attrs_utf8").asText();
        if (agg.equals("/=") && oracle.path(side + "_aggregated_openssl_compat").asText().isEmpty()) {
            return "";
        }
        return agg;
    }

    private static final Pattern RSA = Pattern.compile("(md2|md4|md5|sha1|sha224|sha256|sha384|sha512)WithRSAEncryption");
    private static final Pattern ECDSA = Pattern.compile("ecdsa-with-(SHA\\d+)");
    private static final Pattern DSA = Pattern.compile("dsa_with_(SHA\\d+)|dsaWith(SHA1)");

    /** OpenSSL's long name of the signature algorithm in the contract's form. */
    static String contractSignatureName(String openssl) {
        Matcher m = RSA.matcher(openssl);
        if (m.matches()) {
            return m.group(1) + ", rsa";
        }
        m = ECDSA.matcher(openssl);
        if (m.matches()) {
            return m.group(1).toLowerCase() + ", ecdsa";
        }
        m = DSA.matcher(openssl);
        if (m.matches()) {
            return (m.group(1) != null ? m.group(1) : m.group(2)).toLowerCase() + ", dsa";
        }
        if (openssl.equals("ED25519") || openssl.equals("ED448")) {
            return openssl.toLowerCase();
        }
        if (openssl.matches("[0-9.]+")) {
            return openssl;
        }
        return "unmapped OpenSSL name " + openssl;
    }

    /** Raw extension values by oracle key (short name or OID, "#n" for repeats), read with Bouncy Castle. */
    private static Map<String, byte[]> rawExtensions(byte[] der, Map<String, String> oids) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        ASN1Sequence tbs = ASN1Sequence.getInstance(ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der)).getObjectAt(0));
        for (ASN1Encodable field : tbs) {
            if (field instanceof ASN1TaggedObject t && t.getTagNo() == 3) {
                for (ASN1Encodable ext : ASN1Sequence.getInstance(t.getExplicitBaseObject())) {
                    ASN1Sequence e = ASN1Sequence.getInstance(ext);
                    String oid = ASN1ObjectIdentifier.getInstance(e.getObjectAt(0)).getId();
                    byte[] value = ASN1OctetString.getInstance(e.getObjectAt(e.size() - 1)).getOctets();
                    String sn = OidNames.shortName(oid);
                    String key = sn != null ? sn : oid;
                    int n = seen.merge(key, 1, Integer::sum);
                    out.put(n > 1 ? key + "#" + n : key, value);
                    oids.put(n > 1 ? key + "#" + n : key, oid);
                }
            }
        }
        return out;
    }

    static String asn1StringPrint(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            sb.append((c > '~' || (c < ' ' && c != '\n' && c != '\r')) ? '.' : (char) c);
        }
        return sb.toString();
    }

    static String hexLower(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    private static Object[] pair(Object expected, Object actual) {
        return new Object[] {String.valueOf(expected), String.valueOf(actual)};
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
