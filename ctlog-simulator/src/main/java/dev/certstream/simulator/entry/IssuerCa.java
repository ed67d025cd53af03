package dev.certstream.simulator.entry;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * A simulated certificate authority (root or intermediate): its key, its certificate and the chain
 * a log would store after a leaf it issued (this CA first, the root last).
 */
final class IssuerCa {

    private static final long DAY_MS = 86_400_000L;

    final String label;
    final X500Name name;
    final SimKey key;
    final byte[] certificateDer;
    final SubjectKeyIdentifier subjectKeyId;
    /** This CA's certificate then its issuers' up to the root: the chain of any leaf it signs. */
    final List<byte[]> chainDer;
    /** SHA-256 of each certificate of {@code chainDer}: what a data tile lists and issuer/ serves. */
    final List<byte[]> chainSha256;
    /** SHA-256 of this CA's SubjectPublicKeyInfo: a precertificate entry's issuer_key_hash. */
    final byte[] keyHash;

    private IssuerCa(String label, X500Name name, SimKey key, byte[] certificateDer, List<byte[]> chainDer) {
        this.label = label;
        this.name = name;
        this.key = key;
        this.certificateDer = certificateDer;
        this.chainDer = chainDer;
        this.chainSha256 = chainDer.stream().map(Bytes::sha256).toList();
        this.subjectKeyId = subjectKeyId(key);
        this.keyHash = Bytes.sha256(key.spkiDer);
    }

    /** A self-signed root. */
    static IssuerCa root(String label, String dn, SimKey key, long epochMs) {
        X500Name name = new X500Name(dn);
        byte[] der = sign(name, key, name, key, null, -1, epochMs, label);
        return new IssuerCa(label, name, key, der, List.of(der));
    }

    /** An intermediate issued by {@code parent}. */
    static IssuerCa intermediate(String label, String dn, SimKey key, IssuerCa parent, int pathLen, long epochMs) {
        X500Name name = new X500Name(dn);
        byte[] der = sign(name, key, parent.name, parent.key, parent, pathLen, epochMs, label);
        List<byte[]> chain = new ArrayList<>();
        chain.add(der);
        chain.addAll(parent.chainDer);
        return new IssuerCa(label, name, key, der, Collections.unmodifiableList(chain));
    }

    private static byte[] sign(X500Name subject, SimKey subjectKey, X500Name issuer, SimKey issuerKey,
                               IssuerCa parent, int pathLen, long epochMs, String label) {
        try {
            BigInteger serial = new BigInteger(1, Bytes.sha256(("ca-serial/" + label).getBytes()))
                    .shiftRight(128).setBit(120);
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serial,
                    new Date(epochMs - 400 * DAY_MS), new Date(epochMs + 3000 * DAY_MS), subject, subjectKey.spki);
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.basicConstraints, true,
                    pathLen < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLen));
            builder.addExtension(Extension.subjectKeyIdentifier, false, subjectKeyId(subjectKey));
            if (parent != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        new AuthorityKeyIdentifier(parent.subjectKeyId.getKeyIdentifier()));
            }
            return builder.build(issuerKey.certificateSigner()).getEncoded();
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build CA " + label, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SubjectKeyIdentifier subjectKeyId(SimKey key) {
        try {
            return new BcX509ExtensionUtils().createSubjectKeyIdentifier(key.pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
