package dev.certstream.render.ct;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A precertificate and its final certificate share an issuance id; other certificates do not. */
class IssuanceIdTest {

    private static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");
    private static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");
    private static KeyPair key;
    private static ContentSigner signer;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        key = generator.generateKeyPair();
        signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
    }

    /** A builder of one issuance: same serial, names, key and validity every time it is asked for. */
    private static X509v3CertificateBuilder issuance(long serial, int sans) throws Exception {
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(new X500Name("C=US,O=Test CA,CN=Test CA R1"),
                BigInteger.valueOf(serial), new Date(1_700_000_000_000L), new Date(1_710_000_000_000L),
                new X500Name("CN=www" + serial + ".example.com"), SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        GeneralName[] names = new GeneralName[sans];
        for (int i = 0; i < sans; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, "name" + i + ".www" + serial + ".example.com");
        }
        if (sans > 0) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return builder;
    }

    private static byte[] precert(X509v3CertificateBuilder builder) throws Exception {
        builder.addExtension(POISON, true, DERNull.INSTANCE);
        byte[] der = builder.build(signer).getEncoded();
        builder.removeExtension(POISON);
        return der;
    }

    private static byte[] finalCertificate(X509v3CertificateBuilder builder) throws Exception {
        builder.addExtension(SCT_LIST, false, new DEROctetString(new byte[] {0, 3, 0, 1, 42}));
        byte[] der = builder.build(signer).getEncoded();
        builder.removeExtension(SCT_LIST);
        return der;
    }

    private static byte[] tbs(X509v3CertificateBuilder builder) throws Exception {
        return builder.build(signer).toASN1Structure().getTBSCertificate().getEncoded("DER");
    }

    private static DecodedEntry x509(byte[] der) {
        return new DecodedEntry(1, 0, EntryType.X509, der, List.of(), "link");
    }

    private static DecodedEntry precertEntry(byte[] preCertificate, byte[] logTbs) {
        return new DecodedEntry(2, 0, EntryType.PRECERT, preCertificate, List.of(), "link", null, logTbs);
    }

    @Test
    void aPrecertificateAndItsFinalCertificateShareTheId() throws Exception {
        for (int sans : new int[] {1, 3, 40, 2000}) { // short, long and very long (3-byte) DER lengths
            X509v3CertificateBuilder builder = issuance(1000 + sans, sans);
            byte[] logTbs = tbs(builder);
            byte[] pre = precert(builder);
            byte[] cert = finalCertificate(builder);
            byte[] expected = MessageDigest.getInstance("SHA-256").digest(logTbs);

            assertArrayEquals(expected, IssuanceId.of(precertEntry(pre, logTbs)), sans + " SANs, the log's TBS");
            assertArrayEquals(expected, IssuanceId.of(x509(cert)), sans + " SANs, the final certificate");
            // Without the log's TBS the precertificate's own TBS, poison removed, gives the same id.
            assertArrayEquals(expected, IssuanceId.of(precertEntry(pre, null)), sans + " SANs, the precertificate");
        }
    }

    @Test
    void aCertificateWhoseOnlyExtensionIsTheSctListLosesTheExtensionsField() throws Exception {
        X509v3CertificateBuilder builder = issuance(7, 0);
        byte[] withoutAny = tbs(builder);
        byte[] cert = finalCertificate(builder);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(withoutAny), IssuanceId.of(x509(cert)));
    }

    @Test
    void otherIssuancesDiffer() throws Exception {
        byte[] one = IssuanceId.of(x509(finalCertificate(issuance(1, 2))));
        byte[] two = IssuanceId.of(x509(finalCertificate(issuance(2, 2))));
        assertFalse(java.util.Arrays.equals(one, two));
        assertEquals(32, one.length);
    }

    @Test
    void anUnreadableCertificateGetsTheHashOfItsBytes() throws Exception {
        byte[] garbage = {0x30, 0x03, 0x02, 0x01};
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(garbage), IssuanceId.of(x509(garbage)));
        byte[] cert = finalCertificate(issuance(3, 2));
        byte[] truncated = java.util.Arrays.copyOf(cert, cert.length / 2);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(truncated), IssuanceId.of(x509(truncated)));
    }
}
