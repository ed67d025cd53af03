package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Asn1Time;
import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Byte-for-byte agreement with libcrypto 3.0.19 on certificates built to reach every branch of its
 * printers (src/test/tools/gen-openssl-fixtures.py wrote openssl-generated.jsonl with what OpenSSL printed):
 * names in the three layouts, times, and every extension's text, or the failure that makes OpenSSL
 * fall back to a raw dump.
 */
class GeneratedFixturesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void printersMatchLibcryptoByteForByte() throws Exception {
        List<String> mismatches = new ArrayList<>();
        int checks = 0;
        int certificates = 0;
        // -Dopenssl.fixtures=FILE runs the same comparison on another corpus made by src/test/tools/openssl-oracle.c.
        String other = System.getProperty("openssl.fixtures");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(other != null
                ? java.nio.file.Files.newInputStream(java.nio.file.Path.of(other))
                : getClass().getResourceAsStream("openssl-generated.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                JsonNode r = MAPPER.readTree(line);
                byte[] der = Base64.getDecoder().decode(r.get("der").asText());
                String id = "cert " + n++;
                if (r.path("refused").asBoolean()) {
                    // OpenSSL refuses these (bad name encodings); we must render them or refuse cleanly.
                    try {
                        new CertificateRenderer().render(der, true);
                    } catch (CertificateParseException e) {
                        assertTrue(e.getMessage().contains("certificate"));
                    }
                    continue;
                }
                certificates++;
                ParsedCertificate c = ParsedCertificate.parse(der);
                for (String side : new String[] {"subject", "issuer"}) {
                    DistinguishedName name = side.equals("subject") ? c.subject : c.issuer;
                    checks += 3;
                    compare(mismatches, id + " " + side + " multiline", r.get(side + "_multiline"), multiline(name));
                    TextOut one = new TextOut();
                    NameText.oneline(one, name);
                    compare(mismatches, id + " " + side + " oneline", r.get(side + "_oneline"), one.sb.toString());
                    TextOut compat = new TextOut();
                    NameText.compat(compat, name, 256);
                    compare(mismatches, id + " " + side + " compat", r.get(side + "_compat256"), compat.sb.toString());
                }
                TextOut time = new TextOut();
                Asn1Time.print(time, c.notBeforeTag, c.notBefore);
                checks++;
                compare(mismatches, id + " not_before", r.get("not_before"), time.sb.toString());
                JsonNode exts = r.get("extensions");
                for (int i = 0; i < exts.size(); i++) {
                    checks++;
                    JsonNode e = exts.get(i);
                    String oid = e.get("oid").asText();
                    ExtensionRenderer.RawExtension raw = c.extensions.get(i);
                    String where = id + " extension " + oid + " = " + HexFormat.of().formatHex(raw.value());
                    ExtensionPrinter printer = ExtensionPrinters.forOid(oid);
                    boolean special = oid.equals(ExtensionPrinters.CT_PRECERT_POISON) || oid.equals(ExtensionPrinters.CT_PRECERT_SCTS);
                    String ours = null;
                    if (printer != null) {
                        TextOut out = new TextOut();
                        try {
                            printer.print(out, raw.value(), 16);
                            ours = out.sb.toString();
                        } catch (DerException failed) {
                            ours = null;
                        }
                    }
                    if (e.get("printed").asBoolean()) {
                        if (special) {
                            continue;
                        }
                        compare(mismatches, where, e.get("text"), ours == null ? "<our printer failed or is missing>" : ours);
                    } else if (ours != null) {
                        mismatches.add(where + "\n   openssl: <fails, dumps the raw value>\n   ours:    " + ours);
                    }
                }
            }
        }
        System.out.printf("libcrypto agreement: %d checks on %d certificates, %d differ%n",
                checks, certificates, mismatches.size());
        if (!mismatches.isEmpty()) {
            fail(String.join("\n", mismatches));
        }
    }

    /** X509_NAME_print_ex with sep_multiline,sname,utf8,esc_ctrl, rebuilt from our per-value printer. */
    private static String multiline(DistinguishedName name) {
        TextOut out = new TextOut();
        int prev = -1;
        for (DistinguishedName.Attribute a : name.attributes) {
            if (prev != -1) {
                out.ascii(prev == a.set() ? " + " : "\n");
            }
            prev = a.set();
            String sn = OidNames.shortName(a.oid());
            out.ascii(sn != null ? sn : a.oid()).ch('=');
            if (!NameText.utf8Value(out, a)) {
                break;
            }
        }
        return out.sb.toString();
    }

    private static void compare(List<String> mismatches, String what, JsonNode hex, String oursAsBytes) {
        String expected = new String(HexFormat.of().parseHex(hex.asText()), StandardCharsets.ISO_8859_1);
        if (!expected.equals(oursAsBytes)) {
            mismatches.add(what + "\n   openssl: " + printable(expected) + "\n   ours:    " + printable(oursAsBytes));
        }
    }

    private static String printable(String bytes) {
        return bytes.replace("\n", "\\n");
    }
}
