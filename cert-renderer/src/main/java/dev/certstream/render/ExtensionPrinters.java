package dev.certstream.render;

import dev.certstream.render.asn1.Der;

import java.util.HashMap;
import java.util.Map;

/**
 * Which OpenSSL 3.0 extension method prints which extension OID: the contents of its
 * standard_exts.h table. An extension OpenSSL names but has no method for is printed as a raw dump.
 */
final class ExtensionPrinters {
    static final String BASIC_CONSTRAINTS = "2.5.29.19";
    static final String SUBJECT_ALT_NAME = "2.5.29.17";
    static final String CT_PRECERT_SCTS = "1.3.6.1.4.1.11129.2.4.2";
    static final String CT_PRECERT_POISON = "1.3.6.1.4.1.11129.2.4.3";

    private static final Map<String, ExtensionPrinter> BY_OID = build();

    private ExtensionPrinters() {
    }

    /** The printer OpenSSL uses for this extension OID, or null when it has none. */
    static ExtensionPrinter forOid(String oid) {
        return BY_OID.get(oid);
    }

    private static Map<String, ExtensionPrinter> build() {
        Map<String, ExtensionPrinter> m = new HashMap<>();
        m.put("2.16.840.1.113730.1.1", BasicExtensionPrinters.bitNames(BasicExtensionPrinters.NS_CERT_TYPE));
        for (String ns : new String[] {"2", "3", "4", "7", "8", "12", "13"}) {
            m.put("2.16.840.1.113730.1." + ns, BasicExtensionPrinters.cString(Der.IA5_STRING));
        }
        m.put("2.5.29.14", BasicExtensionPrinters::octetHex);
        m.put("2.5.29.15", BasicExtensionPrinters.bitNames(BasicExtensionPrinters.KEY_USAGE));
        m.put("2.5.29.16", BasicExtensionPrinters::privateKeyUsagePeriod);
        m.put(SUBJECT_ALT_NAME, NameExtensionPrinters::altNames);
        m.put("2.5.29.18", NameExtensionPrinters::altNames);
        m.put(BASIC_CONSTRAINTS, BasicExtensionPrinters::basicConstraints);
        m.put("2.5.29.20", BasicExtensionPrinters::integer);
        m.put("2.5.29.32", PolicyPrinter::print);
        m.put("2.5.29.35", NameExtensionPrinters::authorityKeyId);
        m.put("2.5.29.31", CrlPrinter::distributionPoints);
        m.put("2.5.29.37", BasicExtensionPrinters::keyPurposes);
        m.put("2.5.29.27", BasicExtensionPrinters::integer);
        m.put("2.5.29.21", BasicExtensionPrinters::crlReason);
        m.put("2.5.29.24", BasicExtensionPrinters::generalizedTime);
        m.put("1.3.101.1.4.1", MiscExtensionPrinters::strongExtranetId);
        m.put("1.3.6.1.5.5.7.1.1", NameExtensionPrinters::infoAccess);
        m.put("1.3.6.1.5.5.7.48.1.2", (out, value, indent) -> BasicExtensionPrinters.ocspNonce(out, value, indent));
        m.put("1.3.6.1.5.5.7.48.1.3", MiscExtensionPrinters::ocspCrlId);
        m.put("1.3.6.1.5.5.7.48.1.4", BasicExtensionPrinters::keyPurposes);
        m.put("1.3.6.1.5.5.7.48.1.5", BasicExtensionPrinters::ocspNoCheck);
        m.put("1.3.6.1.5.5.7.48.1.6", BasicExtensionPrinters::generalizedTime);
        m.put("1.3.6.1.5.5.7.48.1.7", MiscExtensionPrinters::ocspServiceLocator);
        m.put("1.3.6.1.5.5.7.1.11", NameExtensionPrinters::infoAccess);
        m.put("2.5.29.36", BasicExtensionPrinters::policyConstraints);
        m.put("2.5.29.23", BasicExtensionPrinters::object);
        m.put("1.3.6.1.5.5.7.1.14", MiscExtensionPrinters::proxyCertInfo);
        m.put("2.5.29.30", NameExtensionPrinters::nameConstraints);
        m.put("2.5.29.33", BasicExtensionPrinters::policyMappings);
        m.put("2.5.29.54", BasicExtensionPrinters::integer);
        m.put("2.5.29.28", CrlPrinter::issuingDistributionPoint);
        m.put("2.5.29.29", NameExtensionPrinters::altNames);
        m.put("2.5.29.46", CrlPrinter::distributionPoints);
        m.put("1.2.643.100.111", BasicExtensionPrinters.cString(Der.UTF8_STRING));
        m.put("1.2.643.100.112", MiscExtensionPrinters::issuerSignTool);
        m.put("1.3.6.1.5.5.7.1.24", BasicExtensionPrinters::tlsFeatures);
        m.put("1.3.6.1.4.1.11129.2.4.5", SctPrinter::print);
        m.put("1.3.6.1.5.5.7.1.7", Rfc3779Printers::ipAddressBlocks);
        m.put("1.3.6.1.5.5.7.1.8", Rfc3779Printers::asIdentifiers);
        m.put("1.3.36.8.3.3", AdmissionPrinter::print);
        return Map.copyOf(m);
    }
}
