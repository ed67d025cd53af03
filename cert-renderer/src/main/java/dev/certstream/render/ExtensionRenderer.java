package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes a certificate's {@code extensions} object: OpenSSL 3.0's text for every extension it can
 * print, the certstream forms of the two CT extensions, and the colon-separated hex of the raw value
 * for extensions OpenSSL has no name for or cannot decode.
 */
final class ExtensionRenderer {
    /** X509_print_ex indents extension bodies by 16 spaces; the oracle's text has them removed. */
    private static final int OPENSSL_INDENT = 16;

    /** One extension as it sits in the certificate. */
    record RawExtension(String oid, boolean critical, byte[] value) {
    }

    private final LongAdder malformedExtensions;

    ExtensionRenderer(LongAdder malformedExtensions) {
        this.malformedExtensions = malformedExtensions;
    }

    void write(JsonGenerator gen, List<RawExtension> extensions) throws IOException {
        gen.writeFieldName("extensions");
        gen.writeStartObject();
        Map<String, Integer> seen = extensions.size() > 1 ? new HashMap<>() : null;
        for (RawExtension ext : extensions) {
            String key = key(ext.oid());
            if (seen != null) {
                int n = seen.merge(key, 1, Integer::sum);
                if (n > 1) {
                    key = key + "#" + n;
                }
            }
            gen.writeFieldName(key);
            if (ext.oid().equals(ExtensionPrinters.CT_PRECERT_POISON)) {
                gen.writeBoolean(true);
            } else {
                gen.writeString(value(ext));
            }
        }
        gen.writeEndObject();
    }

    /** The JSON key: certstream's names for the CT extensions, else OpenSSL's short name, else the dotted OID. */
    static String key(String oid) {
        if (oid.equals(ExtensionPrinters.CT_PRECERT_POISON)) {
            return "ctlPoisonByte";
        }
        if (oid.equals(ExtensionPrinters.CT_PRECERT_SCTS)) {
            return "ctlSignedCertificateTimestamp";
        }
        String sn = OidNames.shortName(oid);
        return sn != null ? sn : oid;
    }

    /** The JSON value of one extension (poison excepted, which is {@code true}). */
    String value(RawExtension ext) {
        String oid = ext.oid();
        if (oid.equals(ExtensionPrinters.CT_PRECERT_SCTS)) {
            return Base64.getUrlEncoder().encodeToString(ext.value());
        }
        ExtensionPrinter printer = ExtensionPrinters.forOid(oid);
        if (printer != null) {
            TextOut out = new TextOut();
            try {
                printer.print(out, ext.value(), OPENSSL_INDENT);
            } catch (DerException | RuntimeException e) {
                // OpenSSL falls back to a raw dump here; the contract asks for the hex of the value.
                malformedExtensions.increment();
                return TextOut.hexColon(ext.value(), false);
            }
            return normalize(out);
        }
        if (OidNames.shortName(oid) != null) {
            // OpenSSL knows the name (SMIME-CAPS, qcStatements, ...) but has no printer: `openssl x509 -text`
            // shows ASN1_STRING_print's dump of the raw value, and the contract asks for OpenSSL's text,
            // so that dump is the value, exactly as the oracle shows it.
            TextOut out = new TextOut();
            out.spaces(OPENSSL_INDENT).dump(ext.value());
            return normalize(out);
        }
        return TextOut.hexColon(ext.value(), false);
    }

    /**
     * What {@code openssl x509 -text} writes under the extension's header, indentation included:
     * the printer's text, or the raw dump OpenSSL falls back to (null for the CT extensions).
     */
    static String opensslBlock(RawExtension ext) {
        ExtensionPrinter printer = ExtensionPrinters.forOid(ext.oid());
        TextOut out = new TextOut();
        if (printer != null) {
            try {
                printer.print(out, ext.value(), OPENSSL_INDENT);
                return out.text();
            } catch (DerException | RuntimeException e) {
                out = new TextOut();
            }
        }
        return out.spaces(OPENSSL_INDENT).dump(ext.value()).text();
    }

    /**
     * OpenSSL's block as the oracle holds it: the newline X509V3_extensions_print adds, trailing blank
     * lines dropped, the 16-space indent removed from each line, lines joined by "\n".
     */
    static String normalize(TextOut out) {
        StringBuilder sb = out.sb;
        int end = sb.length();
        while (end > 0 && isBlankLineEnd(sb, end)) {
            int lineStart = end;
            while (lineStart > 0 && sb.charAt(lineStart - 1) != '\n') {
                lineStart--;
            }
            end = lineStart > 0 ? lineStart - 1 : 0;
        }
        StringBuilder result = new StringBuilder(end);
        int i = 0;
        while (i <= end) {
            int lineEnd = i;
            while (lineEnd < end && sb.charAt(lineEnd) != '\n') {
                lineEnd++;
            }
            int strip = 0;
            while (strip < OPENSSL_INDENT && i + strip < lineEnd && sb.charAt(i + strip) == ' ') {
                strip++;
            }
            if (i > 0) {
                result.append('\n');
            }
            result.append(sb, i + strip, lineEnd);
            i = lineEnd + 1;
        }
        return TextOut.decode(result, 0, result.length());
    }

    /** Whether the line ending at {@code end} (exclusive) holds only spaces. */
    private static boolean isBlankLineEnd(StringBuilder sb, int end) {
        int i = end - 1;
        while (i >= 0 && sb.charAt(i) == ' ') {
            i--;
        }
        return i < 0 || sb.charAt(i) == '\n';
    }
}
