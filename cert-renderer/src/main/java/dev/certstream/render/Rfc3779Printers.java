package dev.certstream.render;

import dev.certstream.render.asn1.TextOut;

import dev.certstream.render.asn1.Asn1Numbers;
import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;

import java.math.BigInteger;

/** OpenSSL 3.0's printers for the RFC 3779 resource extensions: IP address blocks (v3_addr.c) and AS identifiers (v3_asid.c). */
final class Rfc3779Printers {
    private Rfc3779Printers() {
    }

    static void ipAddressBlocks(TextOut out, byte[] value, int indent) throws DerException {
        Der families = ExtensionPrinter.topSequenceOf(value).contents();
        TextOut body = new TextOut();
        while (families.hasNext()) {
            Der family = families.next(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            Der afiElement = family.next();
            if (afiElement.tagClass != Der.UNIVERSAL || afiElement.tag != Der.OCTET_STRING) {
                throw new DerException("addressFamily is not an OCTET STRING");
            }
            byte[] af = afiElement.octets();
            int afi = af.length < 2 ? 0 : ((af[0] & 0xff) << 8) | (af[1] & 0xff);
            body.spaces(indent).ascii(afi == 1 ? "IPv4" : afi == 2 ? "IPv6" : "Unknown AFI " + afi);
            if (af.length > 2) {
                body.ascii(safi(af[2] & 0xff));
            }
            Der choice = family.next();
            if (family.hasNext()) {
                throw new DerException("IPAddressFamily has extra data");
            }
            if (choice.tagClass == Der.UNIVERSAL && choice.tag == Der.NULL && !choice.constructed && choice.length() == 0) {
                body.ascii(": inherit\n");
                continue;
            }
            if (choice.tagClass != Der.UNIVERSAL || choice.tag != Der.SEQUENCE) {
                throw new DerException("bad IPAddressChoice");
            }
            body.ascii(":\n");
            Der items = choice.contents();
            while (items.hasNext()) {
                Der item = items.next();
                body.spaces(indent + 2);
                if (item.tagClass == Der.UNIVERSAL && item.tag == Der.BIT_STRING) {
                    Bits prefix = Bits.of(item);
                    address(body, afi, 0x00, prefix);
                    body.ch('/').ascii(Integer.toString(prefix.bytes.length * 8 - prefix.unused)).ch('\n');
                } else if (item.tagClass == Der.UNIVERSAL && item.tag == Der.SEQUENCE && item.constructed) {
                    Der range = item.contents();
                    Bits min = Bits.of(range.next(Der.UNIVERSAL, Der.BIT_STRING, false));
                    Bits max = Bits.of(range.next(Der.UNIVERSAL, Der.BIT_STRING, false));
                    if (range.hasNext()) {
                        throw new DerException("IPAddressRange has extra data");
                    }
                    address(body, afi, 0x00, min);
                    body.ch('-');
                    address(body, afi, 0xff, max);
                    body.ch('\n');
                } else {
                    throw new DerException("bad IPAddressOrRange");
                }
            }
        }
        out.sb.append(body.sb);
    }

    private static String safi(int safi) {
        return switch (safi) {
            case 1 -> " (Unicast)";
            case 2 -> " (Multicast)";
            case 3 -> " (Unicast/Multicast)";
            case 4 -> " (MPLS)";
            case 64 -> " (Tunnel)";
            case 65 -> " (VPLS)";
            case 66 -> " (BGP MDT)";
            case 128 -> " (MPLS-labeled VPN)";
            default -> " (Unknown SAFI " + safi + ")";
        };
    }

    /** A BIT STRING as OpenSSL keeps it: its octets (unused bits cleared) and the unused-bit count. */
    private record Bits(byte[] bytes, int unused) {
        static Bits of(Der d) throws DerException {
            byte[] raw = d.octets();
            if (raw.length < 1 || (raw[0] & 0xff) > 7) {
                throw new DerException("bad BIT STRING");
            }
            return new Bits(BasicExtensionPrinters.bitString(d), raw[0] & 7);
        }
    }

    /** i2r_address: the address padded with {@code fill}; an over-long one fails the printer. */
    private static void address(TextOut out, int afi, int fill, Bits bits) throws DerException {
        int length = afi == 1 ? 4 : afi == 2 ? 16 : -1;
        if (length < 0) {
            for (int i = 0; i < bits.bytes.length; i++) {
                if (i > 0) {
                    out.ch(':');
                }
                out.ascii(String.format("%02x", bits.bytes[i] & 0xff));
            }
            out.ch('[').ascii(Integer.toString(bits.unused)).ch(']');
            return;
        }
        if (bits.bytes.length > length) {
            throw new DerException("address too long");
        }
        byte[] a = new byte[length];
        java.util.Arrays.fill(a, (byte) fill);
        System.arraycopy(bits.bytes, 0, a, 0, bits.bytes.length);
        if (bits.unused != 0 && bits.bytes.length > 0) {
            int mask = 0xff >> (8 - bits.unused);
            int last = bits.bytes.length - 1;
            a[last] = (byte) (fill == 0 ? (a[last] & ~mask) : (a[last] | mask));
        }
        if (length == 4) {
            out.ascii((a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff));
            return;
        }
        int n = 16;
        while (n > 1 && a[n - 1] == 0 && a[n - 2] == 0) {
            n -= 2;
        }
        int i;
        for (i = 0; i < n; i += 2) {
            out.ascii(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff)));
            if (i < 14) {
                out.ch(':');
            }
        }
        if (i < 16) {
            out.ch(':');
        }
        if (i == 0) {
            out.ch(':');
        }
    }

    static void asIdentifiers(TextOut out, byte[] value, int indent) throws DerException {
        Der in = ExtensionPrinter.topSequence(value).contents();
        TextOut body = new TextOut();
        if (in.peekIs(Der.CONTEXT, 0)) {
            asChoice(body, in.next().explicitInner(), indent, "Autonomous System Numbers");
        }
        if (in.peekIs(Der.CONTEXT, 1)) {
            asChoice(body, in.next().explicitInner(), indent, "Routing Domain Identifiers");
        }
        if (in.hasNext()) {
            throw new DerException("ASIdentifiers has extra data");
        }
        out.sb.append(body.sb);
    }

    private static void asChoice(TextOut out, Der choice, int indent, String title) throws DerException {
        out.spaces(indent).ascii(title).ascii(":\n");
        if (choice.tagClass == Der.UNIVERSAL && choice.tag == Der.NULL && !choice.constructed && choice.length() == 0) {
            out.spaces(indent + 2).ascii("inherit\n");
            return;
        }
        if (choice.tagClass != Der.UNIVERSAL || choice.tag != Der.SEQUENCE) {
            throw new DerException("bad ASIdentifierChoice");
        }
        Der items = choice.contents();
        while (items.hasNext()) {
            Der item = items.next();
            if (item.tagClass == Der.UNIVERSAL && item.tag == Der.INTEGER) {
                out.spaces(indent + 2).ascii(Asn1Numbers.decimalOrHex(item.integer())).ch('\n');
            } else if (item.tagClass == Der.UNIVERSAL && item.tag == Der.SEQUENCE && item.constructed) {
                Der range = item.contents();
                BigInteger min = range.next(Der.UNIVERSAL, Der.INTEGER, false).integer();
                BigInteger max = range.next(Der.UNIVERSAL, Der.INTEGER, false).integer();
                if (range.hasNext()) {
                    throw new DerException("ASRange has extra data");
                }
                out.spaces(indent + 2).ascii(Asn1Numbers.decimalOrHex(min)).ch('-').ascii(Asn1Numbers.decimalOrHex(max)).ch('\n');
            } else {
                throw new DerException("bad ASIdOrRange");
            }
        }
    }
}
