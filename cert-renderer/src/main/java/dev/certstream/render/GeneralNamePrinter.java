package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;


import java.util.List;

/**
 * OpenSSL 3.0's two printers of a GeneralName: i2v_GENERAL_NAME (name/value pairs, used by
 * subjectAltName, issuerAltName, authorityKeyIdentifier and the info-access extensions) and
 * GENERAL_NAME_print (used by CRL distribution points, name constraints and the OCSP extensions).
 */
final class GeneralNamePrinter {
    private static final String SMTP_UTF8_MAILBOX = "1.3.6.1.5.5.7.8.9";
    private static final String XMPP_ADDR = "1.3.6.1.5.5.7.8.5";
    private static final String SRV_NAME = "1.3.6.1.5.5.7.8.7";
    private static final String MS_UPN = "1.3.6.1.4.1.311.20.2.3";
    private static final String NAI_REALM = "1.3.6.1.5.5.7.8.8";

    private GeneralNamePrinter() {
    }

    /** i2v_GENERAL_NAME: appends one pair; fails where OpenSSL fails (a NUL inside a value). */
    static void addPair(ConfValues list, GeneralName g) throws DerException {
        switch (g.type()) {
            case GeneralName.OTHER -> addOtherName(list, g);
            case GeneralName.X400 -> list.add("X400Name", "<unsupported>");
            case GeneralName.EDIPARTY -> list.add("EdiPartyName", "<unsupported>");
            case GeneralName.EMAIL -> list.addBytes("email", g.bytes());
            case GeneralName.DNS -> list.addBytes("DNS", g.bytes());
            case GeneralName.URI -> list.addBytes("URI", g.bytes());
            case GeneralName.DIRNAME -> {
                TextOut t = new TextOut();
                NameText.compat(t, g.dirName(), 256);
                list.add("DirName", t.sb.toString());
            }
            case GeneralName.IP -> list.add("IP Address", ipAddress(g.bytes(), 0, g.bytes().length));
            case GeneralName.RID -> list.add("Registered ID", OidNames.text(g.oid(), 256));
            default -> throw new DerException("GeneralName type");
        }
    }

    private static void addOtherName(ConfValues list, GeneralName g) throws DerException {
        String label = switch (g.oid()) {
            case SMTP_UTF8_MAILBOX -> "othername: SmtpUTF8Mailbox:";
            case XMPP_ADDR -> "othername: XmppAddr:";
            case SRV_NAME -> "othername: SRVName:";
            case MS_UPN -> "othername: UPN:";
            case NAI_REALM -> "othername: NAIRealm:";
            default -> null;
        };
        if (label != null) {
            int wanted = g.oid().equals(SRV_NAME) ? Der.IA5_STRING : Der.UTF8_STRING;
            if (g.valueTag() != wanted) {
                throw new DerException("otherName value type");
            }
            list.addBytes(label, g.value());
            return;
        }
        String name = "othername: " + OidNames.text(g.oid(), 256) + ":";
        if ((g.valueTag() == Der.IA5_STRING || g.valueTag() == Der.UTF8_STRING) && !hasNul(g.value())) {
            list.addBytes(name, g.value());
            return;
        }
        list.add(name, "<unsupported>");
    }

    /** GENERAL_NAME_print. */
    static void print(TextOut out, GeneralName g) {
        switch (g.type()) {
            case GeneralName.OTHER -> printOtherName(out, g);
            case GeneralName.X400 -> out.ascii("X400Name:<unsupported>");
            case GeneralName.EDIPARTY -> out.ascii("EdiPartyName:<unsupported>");
            case GeneralName.EMAIL -> out.ascii("email:").dump(g.bytes());
            case GeneralName.DNS -> out.ascii("DNS:").dump(g.bytes());
            case GeneralName.URI -> out.ascii("URI:").dump(g.bytes());
            case GeneralName.DIRNAME -> {
                out.ascii("DirName:");
                NameText.oneline(out, g.dirName());
            }
            case GeneralName.IP -> out.ascii("IP Address:").ascii(ipAddress(g.bytes(), 0, g.bytes().length));
            case GeneralName.RID -> out.ascii("Registered ID:").ascii(OidNames.text(g.oid()));
            default -> {
            }
        }
    }

    private static void printOtherName(TextOut out, GeneralName g) {
        String oid = g.oid();
        boolean srv = oid.equals(SRV_NAME);
        if (g.valueTag() != (srv ? Der.IA5_STRING : Der.UTF8_STRING)) {
            out.ascii("othername:<unsupported>");
            return;
        }
        String label = switch (oid) {
            case SMTP_UTF8_MAILBOX -> "othername:SmtpUTF8Mailbox:";
            case XMPP_ADDR -> "othername:XmppAddr:";
            case SRV_NAME -> "othername:SRVName:";
            case MS_UPN -> "othername:UPN:";
            case NAI_REALM -> "othername:NAIRealm:";
            default -> null;
        };
        if (label == null) {
            out.ascii("othername:<unsupported>");
        } else {
            out.ascii(label).cString(g.value());
        }
    }

    /** ossl_ipaddr_to_asc: dotted IPv4, eight uppercase hex groups for IPv6, else the length. */
    static String ipAddress(byte[] b, int from, int len) {
        if (len == 4) {
            return (b[from] & 0xff) + "." + (b[from + 1] & 0xff) + "." + (b[from + 2] & 0xff) + "." + (b[from + 3] & 0xff);
        }
        if (len == 16) {
            StringBuilder sb = new StringBuilder(40);
            for (int i = 0; i < 8; i++) {
                if (i > 0) {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(((b[from + 2 * i] & 0xff) << 8) | (b[from + 2 * i + 1] & 0xff)).toUpperCase());
            }
            return sb.toString();
        }
        return "<invalid length=" + len + ">";
    }

    static boolean hasNul(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return true;
            }
        }
        return false;
    }

    /** i2v_GENERAL_NAMES over a whole list. */
    static ConfValues pairs(List<GeneralName> names) throws DerException {
        ConfValues list = new ConfValues();
        for (GeneralName g : names) {
            addPair(list, g);
        }
        return list;
    }
}
