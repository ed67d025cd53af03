package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Asn1Numbers;
import dev.certstream.render.asn1.Asn1Time;
import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;


import java.math.BigInteger;

/**
 * OpenSSL 3.0's printers for the simple extensions: bit strings (v3_bitst.c), basicConstraints,
 * key identifiers, integers, CRL reason, Netscape IA5 strings, key purposes, policy constraints and
 * mappings, TLS features, private key usage period and times.
 */
final class BasicExtensionPrinters {
    static final String[] KEY_USAGE = {
        "Digital Signature", "Non Repudiation", "Key Encipherment", "Data Encipherment", "Key Agreement",
        "Certificate Sign", "CRL Sign", "Encipher Only", "Decipher Only"};
    static final String[] NS_CERT_TYPE = {
        "SSL Client", "SSL Server", "S/MIME", "Object Signing", "Unused", "SSL CA", "S/MIME CA", "Object Signing CA"};
    static final String[] CRL_REASONS = {
        "Unspecified", "Key Compromise", "CA Compromise", "Affiliation Changed", "Superseded",
        "Cessation Of Operation", "Certificate Hold", null, "Remove From CRL", "Privilege Withdrawn", "AA Compromise"};

    private BasicExtensionPrinters() {
    }

    /** i2v_ASN1_BIT_STRING: the names of the set bits joined by ", "; no set bit makes OpenSSL fail. */
    static ExtensionPrinter bitNames(String[] names) {
        return (out, value, indent) -> {
            byte[] bits = bitString(ExtensionPrinter.topPrimitive(value, Der.BIT_STRING));
            ConfValues list = new ConfValues();
            for (int i = 0; i < names.length; i++) {
                if (bit(bits, i)) {
                    list.add(names[i], null);
                }
            }
            requireValues(list);
            list.print(out, indent, false);
        };
    }

    /** BIT STRING content without the unused-bits octet, the unused bits cleared (c2i_ASN1_BIT_STRING). */
    static byte[] bitString(Der d) throws DerException {
        byte[] raw = d.octets();
        if (raw.length < 1 || (raw[0] & 0xff) > 7) {
            throw new DerException("bad BIT STRING");
        }
        byte[] bits = java.util.Arrays.copyOfRange(raw, 1, raw.length);
        if (bits.length > 0) {
            bits[bits.length - 1] &= (byte) (0xff << (raw[0] & 0xff));
        }
        return bits;
    }

    static boolean bit(byte[] bits, int n) {
        int w = n / 8;
        return bits.length > w && (bits[w] & (1 << (7 - (n & 7)))) != 0;
    }

    /** An i2v printer that produced nothing returns NULL in OpenSSL, which counts as a failure. */
    static void requireValues(ConfValues list) throws DerException {
        if (list.size() == 0) {
            throw new DerException("nothing to print");
        }
    }

    static void basicConstraints(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        boolean ca = false;
        BigInteger pathLen = null;
        if (in.peekIs(Der.UNIVERSAL, Der.BOOLEAN)) {
            ca = in.next().bool();
        }
        if (in.peekIs(Der.UNIVERSAL, Der.INTEGER)) {
            pathLen = in.next().integer();
        }
        if (in.hasNext()) {
            throw new DerException("basicConstraints has extra data");
        }
        ConfValues list = new ConfValues();
        list.add("CA", ca ? "TRUE" : "FALSE");
        if (pathLen != null) {
            list.add("pathlen", Asn1Numbers.decimalOrHex(pathLen));
        }
        list.print(out, indent, false);
    }

    /** CA flag of a basicConstraints value; false when absent or undecodable. */
    static boolean isCa(byte[] value) {
        try {
            // The flag counts only when the whole value decodes, as X509V3_EXT_d2i needs it to.
            basicConstraints(new TextOut(), value, 0);
            Der in = ExtensionPrinter.topSequence(value).contents();
            return in.peekIs(Der.UNIVERSAL, Der.BOOLEAN) && in.next().bool();
        } catch (DerException e) {
            return false;
        }
    }

    /** i2s_ASN1_OCTET_STRING: the key identifier in hex. */
    static void octetHex(TextOut out, byte[] value, int indent) throws DerException {
        out.spaces(indent).hexColon(ExtensionPrinter.topPrimitive(value, Der.OCTET_STRING).octets());
    }

    /** i2s_ASN1_INTEGER (crlNumber, deltaCRL, inhibitAnyPolicy). */
    static void integer(TextOut out, byte[] value, int indent) throws DerException {
        out.spaces(indent).ascii(Asn1Numbers.decimalOrHex(ExtensionPrinter.topPrimitive(value, Der.INTEGER).integer()));
    }

    /** i2s_ASN1_ENUMERATED_TABLE with the CRL reasons. */
    static void crlReason(TextOut out, byte[] value, int indent) throws DerException {
        BigInteger v = ExtensionPrinter.topPrimitive(value, Der.ENUMERATED).integer();
        long l = Asn1Numbers.asLong(v);
        String name = l >= 0 && l < CRL_REASONS.length ? CRL_REASONS[(int) l] : null;
        out.spaces(indent).ascii(name != null ? name : Asn1Numbers.decimalOrHex(v));
    }

    /** i2s of an IA5String or UTF8String: the bytes as a C string; an empty one makes OpenSSL fail. */
    static ExtensionPrinter cString(int tag) {
        return (out, value, indent) -> {
            byte[] s = ExtensionPrinter.topPrimitive(value, tag).octets();
            if (s.length == 0) {
                throw new DerException("empty string");
            }
            out.spaces(indent).cString(s);
        };
    }

    /** i2v_EXTENDED_KEY_USAGE (also OCSP acceptable responses): long names, cut at 79 characters. */
    static void keyPurposes(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequenceOf(value).contents();
        ConfValues list = new ConfValues();
        while (in.hasNext()) {
            list.add(null, OidNames.text(in.next().expectOid(), 80));
        }
        requireValues(list);
        list.print(out, indent, false);
    }

    static void policyConstraints(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        ConfValues list = new ConfValues();
        if (in.peekIs(Der.CONTEXT, 0)) {
            list.add("Require Explicit Policy", Asn1Numbers.decimalOrHex(implicitInteger(in.next())));
        }
        if (in.peekIs(Der.CONTEXT, 1)) {
            list.add("Inhibit Policy Mapping", Asn1Numbers.decimalOrHex(implicitInteger(in.next())));
        }
        if (in.hasNext()) {
            throw new DerException("policyConstraints has extra data");
        }
        requireValues(list);
        list.print(out, indent, false);
    }

    static BigInteger implicitInteger(Der d) throws DerException {
        if (d.constructed) {
            throw new DerException("constructed integer");
        }
        return d.integer();
    }

    static void policyMappings(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequenceOf(value).contents();
        ConfValues list = new ConfValues();
        while (in.hasNext()) {
            Der m = in.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            String issuer = m.next().expectOid();
            String subject = m.next().expectOid();
            if (m.hasNext()) {
                throw new DerException("policy mapping has extra data");
            }
            list.add(OidNames.text(issuer, 80), OidNames.text(subject, 80));
        }
        requireValues(list);
        list.print(out, indent, false);
    }

    static void tlsFeatures(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequenceOf(value).contents();
        ConfValues list = new ConfValues();
        while (in.hasNext()) {
            BigInteger v = in.next(Der.UNIVERSAL, Der.INTEGER, false).integer();
            long id = Asn1Numbers.asLong(v);
            list.add(null, id == 5 ? "status_request" : id == 17 ? "status_request_v2" : Asn1Numbers.decimalOrHex(v));
        }
        requireValues(list);
        list.print(out, indent, false);
    }

    static void privateKeyUsagePeriod(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        byte[] notBefore = null;
        byte[] notAfter = null;
        if (in.peekIs(Der.CONTEXT, 0)) {
            notBefore = in.next().octets();
        }
        if (in.peekIs(Der.CONTEXT, 1)) {
            notAfter = in.next().octets();
        }
        if (in.hasNext()) {
            throw new DerException("privateKeyUsagePeriod has extra data");
        }
        out.spaces(indent);
        if (notBefore != null) {
            out.ascii("Not Before: ");
            Asn1Time.print(out, Der.GENERALIZED_TIME, notBefore);
            if (notAfter != null) {
                out.ascii(", ");
            }
        }
        if (notAfter != null) {
            out.ascii("Not After: ");
            Asn1Time.print(out, Der.GENERALIZED_TIME, notAfter);
        }
    }

    /** invalidityDate and OCSP archiveCutoff: a GeneralizedTime. */
    static void generalizedTime(TextOut out, byte[] value, int indent) throws DerException {
        byte[] t = ExtensionPrinter.topPrimitive(value, Der.GENERALIZED_TIME).octets();
        out.spaces(indent);
        if (!Asn1Time.print(out, Der.GENERALIZED_TIME, t)) {
            // ASN1_TIME_print fails after writing "Bad time value", which fails the printer.
            throw new DerException("bad time");
        }
    }

    /** holdInstructionCode: i2a_ASN1_OBJECT. */
    static void object(TextOut out, byte[] value, int indent) throws DerException {
        out.spaces(indent).ascii(OidNames.text(ExtensionPrinter.top(value).expectOid()));
    }

    /** OCSP noCheck: a NULL, printed as nothing. */
    static void ocspNoCheck(TextOut out, byte[] value, int indent) throws DerException {
        Der d = ExtensionPrinter.topPrimitive(value, Der.NULL);
        if (d.constructed || d.length() != 0) {
            throw new DerException("bad NULL");
        }
    }

    /** OCSP nonce: the whole value in hex (i2a_ASN1_STRING), whatever it holds. */
    static void ocspNonce(TextOut out, byte[] value, int indent) {
        out.spaces(indent);
        if (value.length == 0) {
            out.ch('0');
            return;
        }
        for (int i = 0; i < value.length; i++) {
            if (i != 0 && i % 35 == 0) {
                out.ascii("\\\n");
            }
            out.ch(TextOut.hexDigit((value[i] & 0xff) >> 4)).ch(TextOut.hexDigit(value[i]));
        }
    }
}
