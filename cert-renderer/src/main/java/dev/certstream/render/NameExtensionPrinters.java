package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;


import java.util.List;

/**
 * OpenSSL 3.0's printers for the extensions made of GeneralNames: subject/issuer alternative names
 * (v3_san.c), authority key identifier (v3_akid.c), authority/subject information access (v3_info.c)
 * and name constraints (v3_ncons.c).
 */
final class NameExtensionPrinters {
    private NameExtensionPrinters() {
    }

    /** subjectAltName, issuerAltName, certificateIssuer: i2v_GENERAL_NAMES on one line. */
    static void altNames(TextOut out, byte[] value, int indent) throws DerException {
        List<GeneralName> names = GeneralName.parseAll(ExtensionPrinter.topSequenceOf(value));
        GeneralNamePrinter.pairs(names).print(out, indent, false);
    }

    /** The dNSName entries of a subjectAltName value, straight from the DER (IA5 bytes as Latin-1). */
    static void dnsNames(byte[] value, List<String> into) {
        List<GeneralName> names;
        try {
            names = GeneralName.parseAll(ExtensionPrinter.topSequenceOf(value));
        } catch (DerException e) {
            // A SAN OpenSSL cannot decode is shown as hex and has no names, in OpenSSL's view and so in ours.
            return;
        }
        for (GeneralName n : names) {
            if (n.type() == GeneralName.DNS) {
                into.add(new String(n.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
    }

    static void authorityKeyId(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        byte[] keyId = null;
        List<GeneralName> issuer = null;
        byte[] serial = null;
        if (in.peekIs(Der.CONTEXT, 0)) {
            keyId = in.next().octets();
        }
        if (in.peekIs(Der.CONTEXT, 1)) {
            issuer = GeneralName.parseAll(in.next());
        }
        if (in.peekIs(Der.CONTEXT, 2)) {
            Der d = in.next();
            if (d.constructed) {
                throw new DerException("AKI serial form");
            }
            d.checkInteger();
            serial = java.util.Arrays.copyOfRange(d.buf, d.valueStart, d.valueEnd);
            serial = magnitude(serial);
        }
        if (in.hasNext()) {
            throw new DerException("AKI has extra data");
        }
        ConfValues list = new ConfValues();
        if (keyId != null) {
            list.add(issuer != null || serial != null ? "keyid" : null, TextOut.hexColon(keyId, true));
        }
        if (issuer != null) {
            for (GeneralName g : issuer) {
                GeneralNamePrinter.addPair(list, g);
            }
        }
        if (serial != null) {
            list.add("serial", TextOut.hexColon(serial, true));
        }
        if (issuer == null) {
            // i2v_GENERAL_NAMES answers an empty list, not NULL, for an empty issuer: OpenSSL prints <EMPTY>.
            BasicExtensionPrinters.requireValues(list);
        }
        list.print(out, indent, true);
    }

    /** The octets OpenSSL keeps for an INTEGER: the magnitude (a negative value is stored unsigned). */
    private static byte[] magnitude(byte[] twosComplement) {
        java.math.BigInteger v = new java.math.BigInteger(twosComplement).abs();
        if (v.signum() == 0) {
            return new byte[] {0};
        }
        byte[] b = v.toByteArray();
        return b[0] == 0 && b.length > 1 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /** authorityInfoAccess and subjectInfoAccess: one "method - name" line per access description. */
    static void infoAccess(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequenceOf(value).contents();
        ConfValues list = new ConfValues();
        while (in.hasNext()) {
            Der ad = in.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            String method = ad.next().expectOid();
            GeneralName location = GeneralName.parse(ad.next());
            if (ad.hasNext()) {
                throw new DerException("access description has extra data");
            }
            int i = list.size();
            GeneralNamePrinter.addPair(list, location);
            list.rename(i, OidNames.text(method, 80) + " - " + list.name(i));
        }
        list.print(out, indent, true);
    }

    static void nameConstraints(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        Der permitted = null;
        Der excluded = null;
        if (in.peekIs(Der.CONTEXT, 0)) {
            permitted = in.next().contents();
        }
        if (in.peekIs(Der.CONTEXT, 1)) {
            excluded = in.next().contents();
        }
        if (in.hasNext()) {
            throw new DerException("nameConstraints has extra data");
        }
        List<GeneralName[]> p = subtrees(permitted);
        List<GeneralName[]> e = subtrees(excluded);
        printSubtrees(out, p, indent, "Permitted");
        if (permitted != null && excluded != null) {
            out.ch('\n');
        }
        printSubtrees(out, e, indent, "Excluded");
    }

    private static List<GeneralName[]> subtrees(Der trees) throws DerException {
        List<GeneralName[]> list = new java.util.ArrayList<>();
        if (trees == null) {
            return list;
        }
        while (trees.hasNext()) {
            Der st = trees.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            GeneralName base = GeneralName.parse(st.next());
            if (st.peekIs(Der.CONTEXT, 0)) {
                BasicExtensionPrinters.implicitInteger(st.next());
            }
            if (st.peekIs(Der.CONTEXT, 1)) {
                BasicExtensionPrinters.implicitInteger(st.next());
            }
            if (st.hasNext()) {
                throw new DerException("subtree has extra data");
            }
            list.add(new GeneralName[] {base});
        }
        return list;
    }

    private static void printSubtrees(TextOut out, List<GeneralName[]> trees, int indent, String title) {
        if (trees.isEmpty()) {
            return;
        }
        out.spaces(indent).ascii(title).ascii(":\n");
        for (int i = 0; i < trees.size(); i++) {
            if (i > 0) {
                out.ch('\n');
            }
            out.spaces(indent + 2);
            GeneralName base = trees.get(i)[0];
            if (base.type() == GeneralName.IP) {
                byte[] ip = base.bytes();
                int len1 = ip.length >= 16 ? 16 : ip.length >= 4 ? 4 : ip.length;
                out.ascii("IP:").ascii(GeneralNamePrinter.ipAddress(ip, 0, len1)).ch('/')
                        .ascii(GeneralNamePrinter.ipAddress(ip, len1, ip.length - len1));
            } else {
                GeneralNamePrinter.print(out, base);
            }
        }
    }
}
