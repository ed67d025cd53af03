package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;

/** OpenSSL 3.0's printer for the German professional admission extension (i2r_ADMISSION_SYNTAX in v3_admis.c). */
final class AdmissionPrinter {
    private AdmissionPrinter() {
    }

    static void print(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        TextOut body = new TextOut();
        if (in.hasNext() && !in.peekIs(Der.UNIVERSAL, Der.SEQUENCE)) {
            GeneralName authority = GeneralName.parse(in.next());
            body.spaces(indent).ascii("admissionAuthority:\n").spaces(indent).ascii("  ");
            GeneralNamePrinter.print(body, authority);
            body.ch('\n');
        }
        Der admissions = in.nextListOf(Der.SEQUENCE).contents();
        if (in.hasNext()) {
            throw new DerException("AdmissionSyntax has extra data");
        }
        int entry = 0;
        while (admissions.hasNext()) {
            Der a = admissions.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            body.spaces(indent).ascii("Entry ").ascii(Integer.toString(++entry)).ascii(":\n");
            if (a.peekIs(Der.CONTEXT, 0)) {
                GeneralName authority = GeneralName.parse(a.next().explicitInner());
                body.spaces(indent).ascii("  admissionAuthority:\n").spaces(indent).ascii("    ");
                GeneralNamePrinter.print(body, authority);
                body.ch('\n');
            }
            if (a.peekIs(Der.CONTEXT, 1)) {
                namingAuthority(body, a.next().explicitInner().expect(Der.UNIVERSAL, Der.SEQUENCE, true).contents(), indent + 2);
            }
            Der infos = a.nextListOf(Der.SEQUENCE).contents();
            if (a.hasNext()) {
                throw new DerException("Admissions has extra data");
            }
            int infoNo = 0;
            while (infos.hasNext()) {
                professionInfo(body, infos.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents(), indent, ++infoNo);
            }
        }
        out.sb.append(body.sb);
    }

    private static void professionInfo(TextOut out, Der p, int indent, int number) throws DerException {
        Der naming = null;
        if (p.peekIs(Der.CONTEXT, 0)) {
            naming = p.next().explicitInner().expect(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
        }
        Der items = p.nextListOf(Der.SEQUENCE).contents();
        java.util.List<byte[]> itemValues = new java.util.ArrayList<>();
        while (items.hasNext()) {
            itemValues.add(directoryString(items.next()));
        }
        java.util.List<String> oids = null;
        if (p.peekIs(Der.UNIVERSAL, Der.SEQUENCE)) {
            Der list = p.next().contents();
            oids = new java.util.ArrayList<>();
            while (list.hasNext()) {
                oids.add(list.next().expectOid());
            }
        }
        byte[] registration = null;
        if (p.peekIs(Der.UNIVERSAL, 19)) {
            registration = p.next().octets();
        }
        if (p.peekIs(Der.UNIVERSAL, Der.OCTET_STRING)) {
            p.next().octets();  // not printed, but decoded: a constructed one must be made of parts
        }
        if (p.hasNext()) {
            throw new DerException("ProfessionInfo has extra data");
        }
        out.spaces(indent).ascii("  Profession Info Entry ").ascii(Integer.toString(number)).ascii(":\n");
        if (registration != null) {
            out.spaces(indent).ascii("    registrationNumber: ").dump(registration).ch('\n');
        }
        if (naming != null) {
            namingAuthority(out, naming, indent + 4);
        }
        out.spaces(indent).ascii("    Info Entries:\n");
        for (byte[] item : itemValues) {
            out.spaces(indent).ascii("      ").dump(item).ch('\n');
        }
        if (oids != null) {
            out.spaces(indent).ascii("    Profession OIDs:\n");
            for (String oid : oids) {
                out.spaces(indent).ascii("      ").ascii(labelledOid(oid)).ch('\n');
            }
        }
    }

    /** i2r_NAMING_AUTHORITY: fails when the authority is empty. */
    private static void namingAuthority(TextOut out, Der n, int indent) throws DerException {
        String id = null;
        byte[] url = null;
        byte[] text = null;
        if (n.peekIs(Der.UNIVERSAL, Der.OID)) {
            id = n.next().expectOid();
        }
        if (n.peekIs(Der.UNIVERSAL, Der.IA5_STRING)) {
            url = n.next().octets();
        }
        if (n.hasNext()) {
            text = directoryString(n.next());
        }
        if (n.hasNext()) {
            throw new DerException("NamingAuthority has extra data");
        }
        if (id == null && url == null && text == null) {
            throw new DerException("empty NamingAuthority");
        }
        out.spaces(indent).ascii("namingAuthority:\n");
        if (id != null) {
            out.spaces(indent).ascii("  namingAuthorityId: ").ascii(labelledOid(id)).ch('\n');
        }
        if (text != null) {
            out.spaces(indent).ascii("  namingAuthorityText: ").dump(text).ch('\n');
        }
        if (url != null) {
            out.spaces(indent).ascii("  namingAuthorityUrl: ").dump(url).ch('\n');
        }
    }

    /** "long name (dotted)"; OpenSSL calls an OID it does not know "undefined". */
    private static String labelledOid(String oid) {
        OidNames.Entry e = OidNames.entry(oid);
        String dotted = oid.length() >= 128 ? oid.substring(0, 127) : oid;
        return (e == null ? "undefined" : e.longName()) + " (" + dotted + ")";
    }

    /** DirectoryString: PrintableString, TeletexString, BMPString, UniversalString or UTF8String. */
    private static byte[] directoryString(Der d) throws DerException {
        boolean ok = d.tagClass == Der.UNIVERSAL && (d.tag == 19 || d.tag == 20 || d.tag == Der.BMP_STRING
                || d.tag == 28 || d.tag == Der.UTF8_STRING);
        if (!ok) {
            throw new DerException("bad DirectoryString");
        }
        byte[] b = d.octets();
        if ((d.tag == Der.BMP_STRING && (b.length & 1) != 0) || (d.tag == 28 && (b.length & 3) != 0)) {
            throw new DerException("bad string length");
        }
        return b;
    }
}
