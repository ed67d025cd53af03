package dev.certstream.gateway.access;

import io.netty.util.NetUtil;

/** IP literals as bytes (IPv4-mapped IPv6 as IPv4) and the key a client's limits are counted under. */
final class Addresses {

    /** IPv6 clients get a /64 each from their provider, so limits count per /64, not per address. */
    static final int IPV6_CLIENT_PREFIX = 64;

    private Addresses() {
    }

    /** The address's bytes, 4 or 16, or null when the text is not an IP literal (names are never resolved). */
    static byte[] bytes(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(value);
        if (address != null && address.length == 16 && isV4Mapped(address)) {
            return java.util.Arrays.copyOfRange(address, 12, 16);
        }
        return address;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }

    /** What per-address limits count under: the IPv4 address, or the IPv6 address's /64. */
    static String limitKey(byte[] address) {
        if (address.length == 4) {
            return NetUtil.bytesToIpAddress(address);
        }
        return NetUtil.bytesToIpAddress(Cidr.mask(address, IPV6_CLIENT_PREFIX)) + "/" + IPV6_CLIENT_PREFIX;
    }
}
