package dev.certstream.gateway.access;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Address blocks, the client address behind proxies, the tokens file and the rate bucket, without a server. */
class AccessRulesTest {

    @Test
    void cidrBlocksContainWhatTheySay() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertTrue(ten.contains(Addresses.bytes("10.255.1.2")));
        assertFalse(ten.contains(Addresses.bytes("11.0.0.1")));
        assertTrue(Cidr.parse("fd00::/8").contains(Addresses.bytes("fd12::1")));
        assertFalse(Cidr.parse("fd00::/8").contains(Addresses.bytes("10.0.0.1")));
        assertTrue(Cidr.parse("127.0.0.2").contains(Addresses.bytes("::ffff:127.0.0.2")), "IPv4-mapped is IPv4");
        assertNull(Cidr.parse("example.com"), "names are never resolved");
        assertNull(Cidr.parse("10.0.0.0/33"));
    }

    @Test
    void theClientIsTheRightMostUntrustedHopOfATrustedProxy() {
        List<Cidr> proxies = List.of(Cidr.parse("10.0.0.0/8"));
        assertEquals("203.0.113.7", key("10.1.1.1", List.of("198.51.100.1, 203.0.113.7"), proxies));
        assertEquals("203.0.113.7", key("10.1.1.1", List.of("198.51.100.1", "203.0.113.7, 10.2.2.2"), proxies));
        assertEquals("192.0.2.9", key("192.0.2.9", List.of("203.0.113.7"), proxies), "untrusted peers name themselves");
        assertEquals("10.1.1.1", key("10.1.1.1", List.of("not-an-ip"), proxies));
        assertEquals("10.3.3.3", key("10.1.1.1", List.of("10.3.3.3"), proxies), "all trusted: the left-most");
        assertEquals("2001:db8:1:2::/64", key("2001:db8:1:2::99", List.of(), proxies), "IPv6 counts per /64");
    }

    private static String key(String peer, List<String> xff, List<Cidr> proxies) {
        return ClientAddress.limitKey(ClientAddress.resolve(peer, xff, proxies));
    }

    @Test
    void tokensFileLinesGiveHashedGrantsAndBadLinesAreSkipped() {
        String plain = "0123456789abcdef-token";
        String hashed = TokenFile.sha256("another-long-token-value");
        Map<String, TokenGrant> grants = TokenFile.parse(List.of("# comment", "", plain + " name=acme streams=5",
                "sha256:" + hashed.toUpperCase() + " per_minute=7", "short", plain + "x streams=zero", "x".repeat(20) + " bogus=1"),
                100, 200, "test");
        assertEquals(2, grants.size());
        assertEquals(new TokenGrant("acme", 5, 200), grants.get(TokenFile.sha256(plain)));
        assertEquals(new TokenGrant("token-" + hashed.substring(0, 8), 100, 7), grants.get(hashed));
        assertFalse(grants.toString().contains(plain), "only hashes are kept");
    }

    @Test
    void theBucketAllowsABurstThenOnePerInterval() {
        long minute = 60_000_000_000L;
        RateBucket bucket = new RateBucket(3, 0);
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        long wait = bucket.take(0);
        assertEquals(minute / 3, wait);
        assertEquals(0, bucket.take(wait));
        assertTrue(bucket.take(wait) > 0);
    }
}
