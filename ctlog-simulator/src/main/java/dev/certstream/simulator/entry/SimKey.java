package dev.certstream.simulator.entry;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.io.SignerOutputStream;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.ContentSigner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deterministic signing key (RSA 2048, ECDSA P-256 or P-384) made from (seed, label) with Bouncy
 * Castle's lightweight API; ECDSA uses RFC 6979 nonces so signatures are reproducible too.
 */
public final class SimKey {

    /** The key algorithms the simulator issues with. */
    public enum Kind { RSA2048, P256, P384 }

    // RSA generation costs ~200 ms here, and every simulator in a test JVM asks for the same keys;
    // the cache is cleared when it passes this many keys so odd callers cannot grow it without end.
    private static final int MAX_CACHED_KEYS = 512;
    private static final Map<String, SimKey> CACHE = new ConcurrentHashMap<>();

    final Kind kind;
    final AsymmetricCipherKeyPair pair;
    final SubjectPublicKeyInfo spki;
    public final byte[] spkiDer;

    private SimKey(Kind kind, AsymmetricCipherKeyPair pair) {
        this.kind = kind;
        this.pair = pair;
        try {
            this.spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic());
            this.spkiDer = spki.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The key named {@code label} under {@code seed}: the same bytes on every call and every run. */
    public static SimKey of(Kind kind, long seed, String label) {
        String cacheKey = kind + "/" + seed + "/" + label;
        SimKey cached = CACHE.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        SimKey made = generate(kind, new SeededRandom(seed, "key/" + kind + "/" + label));
        if (CACHE.size() >= MAX_CACHED_KEYS) {
            CACHE.clear();
        }
        CACHE.putIfAbsent(cacheKey, made);
        return made;
    }

    private static SimKey generate(Kind kind, SeededRandom random) {
        if (kind == Kind.RSA2048) {
            RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
            generator.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), random, 2048, 100));
            return new SimKey(kind, generator.generateKeyPair());
        }
        ASN1ObjectIdentifier curve = kind == Kind.P256 ? SECObjectIdentifiers.secp256r1 : SECObjectIdentifiers.secp384r1;
        X9ECParameters x9 = ECNamedCurveTable.getByOID(curve);
        ECDomainParameters domain = new ECNamedDomainParameters(curve, x9);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        return new SimKey(kind, generator.generateKeyPair());
    }

    /** A certificate signer: sha256WithRSA, ecdsa-with-SHA256 (P-256) or ecdsa-with-SHA384 (P-384). */
    ContentSigner certificateSigner() {
        AlgorithmIdentifier algorithm = switch (kind) {
            case RSA2048 -> new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption,
                    org.bouncycastle.asn1.DERNull.INSTANCE);
            case P256 -> new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            case P384 -> new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384);
        };
        Signer signer = kind == Kind.RSA2048 ? new RSADigestSigner(new SHA256Digest()) : ecdsaSigner(digest());
        signer.init(true, pair.getPrivate());
        return new ContentSigner() {
            private final OutputStream out = new SignerOutputStream(signer);

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return out;
            }

            @Override
            public byte[] getSignature() {
                try {
                    return signer.generateSignature();
                } catch (org.bouncycastle.crypto.CryptoException e) {
                    throw new IllegalStateException("signing failed", e);
                }
            }
        };
    }

    /** A DER ECDSA signature over SHA-256 of {@code message}, as CT's digitally-signed structs carry. */
    public byte[] signSha256(byte[] message) {
        if (kind == Kind.RSA2048) {
            throw new IllegalStateException("CT log keys here are ECDSA");
        }
        Signer signer = ecdsaSigner(new SHA256Digest());
        signer.init(true, pair.getPrivate());
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (org.bouncycastle.crypto.CryptoException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private Digest digest() {
        return kind == Kind.P384 ? new SHA384Digest() : new SHA256Digest();
    }

    private static Signer ecdsaSigner(Digest digest) {
        Digest nonceDigest = digest instanceof SHA384Digest ? new SHA384Digest() : new SHA256Digest();
        return new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(nonceDigest)), digest);
    }
}
