package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenSSL 3.0's printers for crlDistributionPoints / freshestCRL (i2r_crldp) and
 * issuingDistributionPoint (i2r_idp), from v3_crld.c, including their layout quirks (a Reasons or
 * CRL Issuer block that follows a Full Name continues on the last name's line).
 */
final class CrlPrinter {
    private static final String[] REASONS = {
        "Unused", "Key Compromise", "CA Compromise", "Affiliation Changed", "Superseded",
        "Cessation Of Operation", "Certificate Hold", "Privilege Withdrawn", "AA Compromise"};

    private CrlPrinter() {
    }

    /** A decoded DistributionPointName: either full names or a relative name. */
    private record PointName(List<GeneralName> fullName, DistinguishedName relative) {
    }

    static void distributionPoints(TextOut out, byte[] value, int indent) throws DerException {
        Der points = ExtensionPrinter.topSequenceOf(value).contents();
        TextOut body = new TextOut();
        boolean first = true;
        while (points.hasNext()) {
            Der dp = points.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            PointName name = null;
            byte[] reasons = null;
            List<GeneralName> crlIssuer = null;
            if (dp.peekIs(Der.CONTEXT, 0)) {
                name = pointName(dp.next());
            }
            if (dp.peekIs(Der.CONTEXT, 1)) {
                reasons = BasicExtensionPrinters.bitString(dp.next());
            }
            if (dp.peekIs(Der.CONTEXT, 2)) {
                crlIssuer = GeneralName.parseAll(dp.next());
            }
            if (dp.hasNext()) {
                throw new DerException("distribution point has extra data");
            }
            if (!first) {
                body.ch('\n');
            }
            first = false;
            if (name != null) {
                printPointName(body, name, indent);
            }
            if (reasons != null) {
                printReasons(body, "Reasons", reasons, indent);
            }
            if (crlIssuer != null) {
                body.spaces(indent).ascii("CRL Issuer:\n");
                printNames(body, crlIssuer, indent);
            }
        }
        out.sb.append(body.sb);
    }

    static void issuingDistributionPoint(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        PointName name = null;
        boolean[] flags = new boolean[6];
        byte[] someReasons = null;
        if (in.peekIs(Der.CONTEXT, 0)) {
            name = pointName(in.next());
        }
        for (int tag = 1; tag <= 5; tag++) {
            if (in.peekIs(Der.CONTEXT, tag)) {
                Der d = in.next();
                if (tag == 3) {
                    someReasons = BasicExtensionPrinters.bitString(d);
                } else {
                    flags[tag] = d.bool();
                }
            }
        }
        if (in.hasNext()) {
            throw new DerException("issuingDistributionPoint has extra data");
        }
        if (name != null) {
            printPointName(out, name, indent);
        }
        if (flags[1]) {
            out.spaces(indent).ascii("Only User Certificates\n");
        }
        if (flags[2]) {
            out.spaces(indent).ascii("Only CA Certificates\n");
        }
        if (flags[4]) {
            out.spaces(indent).ascii("Indirect CRL\n");
        }
        if (someReasons != null) {
            printReasons(out, "Only Some Reasons", someReasons, indent);
        }
        if (flags[5]) {
            out.spaces(indent).ascii("Only Attribute Certificates\n");
        }
        if (name == null && !flags[1] && !flags[2] && !flags[4] && someReasons == null && !flags[5]) {
            out.spaces(indent).ascii("<EMPTY>\n");
        }
    }

    /** [0] EXPLICIT DistributionPointName ::= CHOICE { [0] GeneralNames, [1] RelativeDistinguishedName }. */
    private static PointName pointName(Der explicit) throws DerException {
        if (!explicit.constructed) {
            throw new DerException("EXPLICIT tag not constructed");
        }
        Der in = explicit.contents();
        Der choice = in.next();
        if (in.hasNext() || choice.tagClass != Der.CONTEXT) {  // both choices are lists: either form
            throw new DerException("bad DistributionPointName");
        }
        if (choice.tag == 0) {
            return new PointName(GeneralName.parseAll(choice), null);
        }
        if (choice.tag == 1) {
            List<DistinguishedName.Attribute> attributes = new ArrayList<>();
            Der atvs = choice.contents();
            while (atvs.hasNext()) {
                Der atv = atvs.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
                String oid = atv.next().expectOid();
                Der v = atv.next();
                if (atv.hasNext()) {
                    throw new DerException("relative name attribute has extra data");
                }
                int tag = v.tagClass == Der.UNIVERSAL ? v.tag : -1;
                byte[] encoding = v.encoding();
                byte[] content = DistinguishedName.content(v, tag, encoding);
                // Entries decoded outside a Name all carry set 0, so OpenSSL joins them with " + ".
                attributes.add(new DistinguishedName.Attribute(oid, tag, content, encoding, 0));
            }
            DistinguishedName relative = DistinguishedName.of(attributes);
            if (!relative.entriesDecode()) {
                throw new DerException("relative name OpenSSL does not decode");
            }
            return new PointName(null, relative);
        }
        throw new DerException("bad DistributionPointName choice");
    }

    private static void printPointName(TextOut out, PointName name, int indent) {
        if (name.fullName != null) {
            out.spaces(indent).ascii("Full Name:\n");
            printNames(out, name.fullName, indent);
        } else {
            out.spaces(indent).ascii("Relative Name:\n").spaces(indent + 2);
            NameText.oneline(out, name.relative);
            out.ch('\n');
        }
    }

    private static void printNames(TextOut out, List<GeneralName> names, int indent) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.ch('\n');
            }
            out.spaces(indent + 2);
            GeneralNamePrinter.print(out, names.get(i));
        }
    }

    private static void printReasons(TextOut out, String title, byte[] bits, int indent) {
        out.spaces(indent).ascii(title).ascii(":\n").spaces(indent + 2);
        boolean first = true;
        for (int i = 0; i < REASONS.length; i++) {
            if (BasicExtensionPrinters.bit(bits, i)) {
                if (!first) {
                    out.ascii(", ");
                }
                first = false;
                out.ascii(REASONS[i]);
            }
        }
        out.ascii(first ? "<EMPTY>\n" : "\n");
    }
}
