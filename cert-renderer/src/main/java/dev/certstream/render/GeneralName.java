package dev.certstream.render;

import dev.certstream.render.asn1.AnyValue;
import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;

import java.util.ArrayList;
import java.util.List;

/**
 * One GeneralName (RFC 5280), decoded as strictly as OpenSSL's GENERAL_NAME template: an element
 * OpenSSL would refuse makes the whole extension undecodable.
 *
 * @param type       the CHOICE tag: 0 otherName ... 8 registeredID
 * @param bytes      IA5 content (email, DNS, URI), IP octets, or the X400 encoding
 * @param oid        registeredID, or the otherName type-id
 * @param dirName    directoryName
 * @param valueTag   otherName: universal tag of the value, -1 when not universal
 * @param value      otherName: content of the value
 */
record GeneralName(int type, byte[] bytes, String oid, DistinguishedName dirName, int valueTag, byte[] value) {
    static final int OTHER = 0;
    static final int EMAIL = 1;
    static final int DNS = 2;
    static final int X400 = 3;
    static final int DIRNAME = 4;
    static final int EDIPARTY = 5;
    static final int URI = 6;
    static final int IP = 7;
    static final int RID = 8;

    /** Reads a SEQUENCE OF GeneralName from the cursor's current constructed element. */
    static List<GeneralName> parseAll(Der seq) throws DerException {
        Der items = seq.contents();
        List<GeneralName> names = new ArrayList<>(4);
        while (items.hasNext()) {
            names.add(parse(items.next()));
        }
        return names;
    }

    /** Decodes the element the cursor has just read. */
    static GeneralName parse(Der d) throws DerException {
        if (d.tagClass != Der.CONTEXT) {
            throw new DerException("GeneralName is not context tagged");
        }
        switch (d.tag) {
            case OTHER: {
                requireConstructed(d, true);
                Der in = d.contents();
                String typeId = in.next().expectOid();
                in.next(Der.CONTEXT, 0, true);
                Der explicit = in.contents();
                Der v = explicit.next();
                AnyValue.check(v);  // the value is an ANY: OpenSSL checks its primitive encodings while decoding
                if (explicit.hasNext() || in.hasNext()) {
                    throw new DerException("otherName has extra data");
                }
                int tag = v.tagClass == Der.UNIVERSAL ? v.tag : -1;
                byte[] content = v.constructed && (tag == Der.SEQUENCE || tag == Der.SET || tag == -1) ? v.encoding() : v.octets();
                return new GeneralName(OTHER, null, typeId, null, tag, content);
            }
            case EMAIL:
            case DNS:
            case URI:
                return new GeneralName(d.tag, d.octets(), null, null, -1, null);
            case X400:
                requireConstructed(d, true);  // [3] IMPLICIT SEQUENCE: OpenSSL wants it constructed
                return new GeneralName(X400, d.encoding(), null, null, -1, null);
            case DIRNAME: {
                requireConstructed(d, true);
                Der in = d.contents();
                DistinguishedName name = DistinguishedName.parse(in.next());
                if (in.hasNext() || !name.acceptedByOpenssl()) {
                    throw new DerException("directoryName OpenSSL does not decode");
                }
                return new GeneralName(DIRNAME, null, null, name, -1, null);
            }
            case EDIPARTY:
                checkEdiParty(d);
                return new GeneralName(EDIPARTY, null, null, null, -1, null);
            case IP:
                return new GeneralName(IP, d.octets(), null, null, -1, null);
            case RID:
                requireConstructed(d, false);
                return new GeneralName(RID, null, d.oid(), null, -1, null);
            default:
                throw new DerException("unknown GeneralName tag " + d.tag);
        }
    }

    private static void requireConstructed(Der d, boolean constructed) throws DerException {
        if (d.constructed != constructed) {
            throw new DerException("GeneralName form");
        }
    }

    /** EDIPartyName ::= SEQUENCE { nameAssigner [0] DirectoryString OPTIONAL, partyName [1] DirectoryString }. */
    private static void checkEdiParty(Der d) throws DerException {
        requireConstructed(d, true);
        Der in = d.contents();
        if (in.peekIs(Der.CONTEXT, 0)) {
            checkDirectoryString(in.next());
        }
        in.next(Der.CONTEXT, 1, true);
        checkDirectoryString(in);
        if (in.hasNext()) {
            throw new DerException("EDIPartyName has extra data");
        }
    }

    private static void checkDirectoryString(Der explicit) throws DerException {
        Der s = explicit.explicitInner();
        boolean ok = s.tagClass == Der.UNIVERSAL && (s.tag == 19 || s.tag == 20 || s.tag == 30 || s.tag == 28 || s.tag == 12);
        if (ok) {
            AnyValue.check(s);  // an odd-length BMPString fails OpenSSL's decode like any other
        }
        if (!ok) {
            throw new DerException("bad DirectoryString");
        }
    }
}
