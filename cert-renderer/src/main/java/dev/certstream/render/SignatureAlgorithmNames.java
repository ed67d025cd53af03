package dev.certstream.render;

import dev.certstream.render.asn1.Der;
import dev.certstream.render.asn1.DerException;
import dev.certstream.render.asn1.OidNames;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * certstream's {@code signature_algorithm}: "<digest>, <key type>" from OpenSSL's signature/digest/key
 * cross-reference ("sha256, rsa", "sha384, ecdsa", "sha1, dsa"), the PSS hash for RSASSA-PSS, the bare
 * name for EdDSA, and the dotted OID for anything else. Never fails.
 */
final class SignatureAlgorithmNames {
    static final String RSASSA_PSS = "1.2.840.113549.1.1.10";
    private static final Map<String, String> KEY_TYPES = Map.of(
            "rsaEncryption", "rsa", "RSA", "rsa", "id-ecPublicKey", "ecdsa", "DSA", "dsa", "DSA-old", "dsa",
            "SM2", "sm2");
    /** Names by signature OID, filled lazily; only OIDs in OpenSSL's table go in, which bounds it. */
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SignatureAlgorithmNames() {
    }

    /**
     * @param oid        the AlgorithmIdentifier's algorithm
     * @param parameters the parameters' encoding (null when absent), read for RSASSA-PSS only
     */
    static String name(String oid, byte[] buf, int paramsFrom, int paramsTo) {
        if (oid.equals(RSASSA_PSS)) {
            return pssDigest(buf, paramsFrom, paramsTo) + ", rsassa-pss";
        }
        String cached = CACHE.get(oid);
        if (cached != null) {
            return cached;
        }
        String name = lookup(oid);
        if (OidNames.entry(oid) != null) {
            CACHE.put(oid, name);
        }
        return name;
    }

    private static String lookup(String oid) {
        OidNames.Entry e = OidNames.entry(oid);
        if (e == null || e.key() == null) {
            return oid;
        }
        switch (e.key()) {
            case "ED25519":
                return "ed25519";
            case "ED448":
                return "ed448";
            default:
                break;
        }
        String key = KEY_TYPES.get(e.key());
        if (e.digest() == null || key == null) {
            return oid;
        }
        return e.digest().toLowerCase(Locale.ROOT) + ", " + key;
    }

    /** RSASSA-PSS-params hashAlgorithm [0]; SHA-1 when absent (RFC 4055). */
    private static String pssDigest(byte[] buf, int from, int to) {
        try {
            if (from >= to) {
                return "sha1";
            }
            Der params = new Der(buf, from, to);
            params.next(Der.UNIVERSAL, Der.SEQUENCE, true);
            Der fields = params.contents();
            if (!fields.peekIs(Der.CONTEXT, 0)) {
                return "sha1";
            }
            Der algId = fields.next().explicitInner().expect(Der.UNIVERSAL, Der.SEQUENCE, true).contents();
            String hashOid = algId.next().expectOid();
            String sn = OidNames.shortName(hashOid);
            return sn != null ? sn.toLowerCase(Locale.ROOT) : hashOid;
        } catch (DerException e) {
            return "sha1";
        }
    }
}
