package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Asn1Numbers;
import dev.certstream.render.asn1.Asn1Time;
import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;

import java.math.BigInteger;

/**
 * OpenSSL 3.0's printers for rare extensions: issuerSignTool (v3_ist.c), proxyCertInfo (v3_pci.c),
 * Strong Extranet ID (v3_sxnet.c) and the OCSP CRL ID and service locator (v3_ocsp.c).
 */
final class MiscExtensionPrinters {
    private static final String[] SIGN_TOOL_LABELS = {"signTool    : ", "cATool      : ", "signToolCert: ", "cAToolCert  : "};

    private MiscExtensionPrinters() {
    }

    static void issuerSignTool(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        byte[][] fields = new byte[4][];
        for (int i = 0; i < 4; i++) {
            fields[i] = in.next(Der.UNIVERSAL, Der.UTF8_STRING, false).octets();
        }
        if (in.hasNext()) {
            throw new DerException("issuerSignTool has extra data");
        }
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                out.ch('\n');
            }
            out.spaces(indent).ascii(SIGN_TOOL_LABELS[i]).raw(fields[i]);
        }
    }

    static void proxyCertInfo(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        BigInteger pathLength = null;
        if (in.peekIs(Der.UNIVERSAL, Der.INTEGER)) {
            pathLength = in.next().integer();
        }
        Der policy = in.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
        String language = policy.next().expectOid();
        byte[] text = null;
        if (policy.peekIs(Der.UNIVERSAL, Der.OCTET_STRING)) {
            text = policy.next().octets();
        }
        if (policy.hasNext() || in.hasNext()) {
            throw new DerException("proxyCertInfo has extra data");
        }
        out.spaces(indent).ascii("Path Length Constraint: ");
        if (pathLength != null) {
            Asn1Numbers.hexBytes(out, pathLength);
        } else {
            out.ascii("infinite");
        }
        out.ch('\n').spaces(indent).ascii("Policy Language: ").ascii(OidNames.text(language));
        if (text != null) {
            out.ch('\n').spaces(indent).ascii("Policy Text: ").cString(text);
        }
    }

    static void strongExtranetId(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        BigInteger version = in.next(Der.UNIVERSAL, Der.INTEGER, false).integer();
        Der ids = in.nextListOf(Der.SEQUENCE).contents();
        if (in.hasNext()) {
            throw new DerException("sxnet has extra data");
        }
        TextOut body = new TextOut();
        if (version.bitLength() > 63 || version.longValue() == Long.MAX_VALUE) {
            body.spaces(indent).ascii("Version: <unsupported>");
        } else {
            long v = version.longValue();
            body.spaces(indent).ascii("Version: ").ascii(Long.toString(v + 1))
                    .ascii(" (0x").ascii(Long.toHexString(v).toUpperCase()).ch(')');
        }
        while (ids.hasNext()) {
            Der id = ids.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            BigInteger zone = id.next(Der.UNIVERSAL, Der.INTEGER, false).integer();
            Der u = id.next();
            if (u.tagClass != Der.UNIVERSAL || u.tag != Der.OCTET_STRING) {
                throw new DerException("sxnet user is not an OCTET STRING");
            }
            byte[] user = u.octets();
            if (id.hasNext()) {
                throw new DerException("sxnet id has extra data");
            }
            body.ch('\n').spaces(indent).ascii("Zone: ").ascii(Asn1Numbers.decimalOrHex(zone)).ascii(", User: ").dump(user);
        }
        out.sb.append(body.sb);
    }

    static void ocspCrlId(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        TextOut body = new TextOut();
        if (in.peekIs(Der.CONTEXT, 0)) {
            Der url = in.next().explicitInner().expect(Der.UNIVERSAL, Der.IA5_STRING, false);
            body.spaces(indent).ascii("crlUrl: ").dump(url.octets()).ch('\n');
        }
        if (in.peekIs(Der.CONTEXT, 1)) {
            BigInteger num = in.next().explicitInner().expect(Der.UNIVERSAL, Der.INTEGER, false).integer();
            body.spaces(indent).ascii("crlNum: ");
            Asn1Numbers.hexBytes(body, num);
            body.ch('\n');
        }
        if (in.peekIs(Der.CONTEXT, 2)) {
            byte[] t = in.next().explicitInner().expect(Der.UNIVERSAL, Der.GENERALIZED_TIME, false).octets();
            body.spaces(indent).ascii("crlTime: ");
            if (!Asn1Time.print(body, Der.GENERALIZED_TIME, t)) {
                throw new DerException("bad crlTime");
            }
            body.ch('\n');
        }
        if (in.hasNext()) {
            throw new DerException("crlId has extra data");
        }
        out.sb.append(body.sb);
    }

    static void ocspServiceLocator(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        DistinguishedName issuer = DistinguishedName.parse(in.next());
        if (!issuer.acceptedByOpenssl()) {
            throw new DerException("issuer OpenSSL does not decode");
        }
        TextOut body = new TextOut();
        body.spaces(indent).ascii("Issuer: ");
        NameText.oneline(body, issuer);
        if (in.hasNext()) {
            Der locators = in.nextListOf(Der.SEQUENCE).contents();
            while (locators.hasNext()) {
                Der ad = locators.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
                String method = ad.next().expectOid();
                GeneralName location = GeneralName.parse(ad.next());
                if (ad.hasNext()) {
                    throw new DerException("access description has extra data");
                }
                body.ch('\n').spaces(2 * indent).ascii(OidNames.text(method)).ascii(" - ");
                GeneralNamePrinter.print(body, location);
            }
        }
        if (in.hasNext()) {
            throw new DerException("service locator has extra data");
        }
        out.sb.append(body.sb);
    }
}
