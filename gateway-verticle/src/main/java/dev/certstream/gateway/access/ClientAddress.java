package dev.certstream.gateway.access;

import java.util.List;

/**
 * Which address a request comes from: the socket's peer, unless that peer is a trusted proxy, in which
 * case the right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy (the left-most
 * entries are whatever the client chose to send, so they are never believed).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * The client's address as bytes, or null when the socket's peer is not an IP address.
     *
     * @param peer         the socket's remote host (an IP literal)
     * @param forwardedFor every {@code X-Forwarded-For} header value, in order
     */
    public static byte[] resolve(String peer, List<String> forwardedFor, List<Cidr> trusted) {
        byte[] address = Addresses.bytes(peer);
        if (address == null || !isTrusted(address, trusted)) {
            return address;
        }
        List<String> hops = forwardedFor.stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = Addresses.bytes(hops.get(i));
            if (hop == null) {
                return address; // garbage from a client: nothing to the left of it can be believed either
            }
            address = hop;
            if (!isTrusted(hop, trusted)) {
                return hop;
            }
        }
        return address;
    }

    static boolean isTrusted(byte[] address, List<Cidr> trusted) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** What per-address limits count under: the IPv4 address, or the IPv6 /64. */
    public static String limitKey(byte[] address) {
        return address == null ? "unknown" : Addresses.limitKey(address);
    }
}
