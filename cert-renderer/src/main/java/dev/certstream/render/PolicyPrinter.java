package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Asn1Numbers;
import dev.certstream.render.asn1.AnyValue;
import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** OpenSSL 3.0's certificatePolicies printer (i2r_certpol in v3_cpols.c). */
final class PolicyPrinter {
    private static final String CPS = "1.3.6.1.5.5.7.2.1";
    private static final String USER_NOTICE = "1.3.6.1.5.5.7.2.2";

    private PolicyPrinter() {
    }

    static void print(TextOut out, byte[] value, int indent) throws DerException {
        Der policies = ExtensionPrinter.topSequenceOf(value).contents();
        // Decode everything first: OpenSSL prints nothing when any part fails to decode.
        TextOut body = new TextOut();
        boolean firstPolicy = true;
        while (policies.hasNext()) {
            Der info = policies.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            String policyId = info.next().expectOid();
            if (!firstPolicy) {
                body.ch('\n');
            }
            firstPolicy = false;
            body.spaces(indent).ascii("Policy: ").ascii(OidNames.text(policyId));
            if (info.hasNext()) {
                Der quals = info.nextListOf(Der.SEQUENCE).contents();
                body.ch('\n');
                printQualifiers(body, quals, indent + 2);
            }
            if (info.hasNext()) {
                throw new DerException("policy information has extra data");
            }
        }
        out.sb.append(body.sb);
    }

    private static void printQualifiers(TextOut out, Der quals, int indent) throws DerException {
        boolean first = true;
        while (quals.hasNext()) {
            Der q = quals.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            String qualifierId = q.next().expectOid();
            if (!first) {
                out.ch('\n');
            }
            first = false;
            switch (qualifierId) {
                case CPS -> {
                    Der uri = q.next();
                    if (uri.tagClass != Der.UNIVERSAL || uri.tag != Der.IA5_STRING) {
                        throw new DerException("CPS is not an IA5String");
                    }
                    out.spaces(indent).ascii("CPS: ").cString(uri.octets());
                }
                case USER_NOTICE -> {
                    Der notice = q.next(Der.UNIVERSAL, Der.SEQUENCE, true);
                    out.spaces(indent).ascii("User Notice:\n");
                    printNotice(out, notice.contents(), indent + 2);
                }
                default -> {
                    Der qualifier = q.next();
                    AnyValue.check(qualifier);
                    if (AnyValue.isEndOfContents(qualifier)) {
                        throw new DerException("unexpected eoc in a policy qualifier");
                    }
                    out.spaces(indent + 2).ascii("Unknown Qualifier: ").ascii(OidNames.text(qualifierId));
                }
            }
            if (q.hasNext()) {
                throw new DerException("qualifier has extra data");
            }
        }
    }

    private static void printNotice(TextOut out, Der notice, int indent) throws DerException {
        byte[] organization = null;
        List<BigInteger> numbers = null;
        byte[] explicitText = null;
        if (notice.peekIs(Der.UNIVERSAL, Der.SEQUENCE)) {
            Der ref = notice.next().expect(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            organization = displayText(ref.next());
            Der nums = ref.nextListOf(Der.SEQUENCE).contents();
            numbers = new ArrayList<>();
            while (nums.hasNext()) {
                numbers.add(nums.next(Der.UNIVERSAL, Der.INTEGER, false).integer());
            }
            if (ref.hasNext()) {
                throw new DerException("notice reference has extra data");
            }
        }
        if (notice.hasNext()) {
            explicitText = displayText(notice.next());
        }
        if (notice.hasNext()) {
            throw new DerException("user notice has extra data");
        }
        if (organization != null) {
            out.spaces(indent).ascii("Organization: ").cString(organization).ch('\n');
            out.spaces(indent).ascii(numbers.size() > 1 ? "Numbers: " : "Number: ");
            for (int i = 0; i < numbers.size(); i++) {
                if (i > 0) {
                    out.ascii(", ");
                }
                out.ascii(Asn1Numbers.decimalOrHex(numbers.get(i)));
            }
            if (explicitText != null) {
                out.ch('\n');
            }
        }
        if (explicitText != null) {
            out.spaces(indent).ascii("Explicit Text: ").cString(explicitText);
        }
    }

    /** DisplayText: IA5String, VisibleString, BMPString or UTF8String; printed as raw bytes by OpenSSL. */
    private static byte[] displayText(Der d) throws DerException {
        boolean ok = d.tagClass == Der.UNIVERSAL && (d.tag == Der.IA5_STRING || d.tag == Der.VISIBLE_STRING
                || d.tag == Der.BMP_STRING || d.tag == Der.UTF8_STRING);
        if (!ok) {
            throw new DerException("bad DisplayText");
        }
        byte[] b = d.octets();
        if (d.tag == Der.BMP_STRING && (b.length & 1) != 0) {
            throw new DerException("odd BMPString");
        }
        return b;
    }
}
