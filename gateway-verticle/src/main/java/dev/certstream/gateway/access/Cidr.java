package dev.certstream.gateway.access;

import io.netty.util.NetUtil;

import java.util.Arrays;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fd00::/8} (a bare address is a block of one).
 * Parsing never resolves a name: only IP literals are accepted.
 */
public record Cidr(byte[] network, int prefix) {

    /** Parses {@code address[/prefix]}; null when it is not an IP literal with a valid prefix. */
    public static Cidr parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        byte[] address = Addresses.bytes(slash < 0 ? value : value.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > bits) {
                return null;
            }
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    /** Whether an address (as {@link Addresses#bytes}) lies in this block. */
    public boolean contains(byte[] address) {
        return address != null && address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xFF << (8 - keep));
        }
        return out;
    }

    @Override
    public String toString() {
        return NetUtil.bytesToIpAddress(network) + "/" + prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefix == other.prefix && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }
}
