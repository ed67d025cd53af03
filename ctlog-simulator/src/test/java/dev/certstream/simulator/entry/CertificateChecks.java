package dev.certstream.simulator.entry;

import dev.certstream.simulator.CtTestDecoder;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks that decoded entries hold the certificates the brief promises (BC and JDK both parse them,
 * poison in precerts, SCT lists in final certificates, 1..100 SANs, chains of 1..3 that link up)
 * and tallies the mix so a test can require variety.
 */
final class CertificateChecks {

    static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");
    static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

    final Set<Integer> entryTypes = new HashSet<>();
    final Set<String> keyTypes = new TreeSet<>();
    final Set<Integer> chainLengths = new TreeSet<>();
    final Set<String> serials = new HashSet<>();
    final Set<ASN1ObjectIdentifier> extensionsSeen = new HashSet<>();
    int wildcards;
    int idnNames;
    int maxSans;
    int withOrganization;
    int checked;

    /** Checks one entry as RFC 6962 gave it (chain included). */
    void check(CtTestDecoder.Decoded decoded) throws Exception {
        checkLeaf(decoded, decoded.chain());
    }

    void checkLeaf(CtTestDecoder.Decoded decoded, List<byte[]> chain) throws Exception {
        Certificate leaf = Certificate.getInstance(decoded.leafCert());
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(decoded.leafCert()));
        Extensions extensions = leaf.getTBSCertificate().getExtensions();
        entryTypes.add(decoded.entryType());
        if (decoded.entryType() == 1) {
            Extension poison = extensions.getExtension(POISON);
            assertNotNull(poison, "a precert entry's pre_certificate carries the poison");
            assertTrue(poison.isCritical(), "the poison is critical");
            assertEquals(DERNull.INSTANCE, poison.getParsedValue());
            assertNull(extensions.getExtension(SCT_LIST));
            checkTbsIsPrecertWithoutPoison(decoded.signedEntry(), leaf);
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(Certificate.getInstance(chain.get(0))
                    .getSubjectPublicKeyInfo().getEncoded()), decoded.issuerKeyHash(), "issuer_key_hash");
        } else {
            assertNull(extensions.getExtension(POISON));
            Extension scts = extensions.getExtension(SCT_LIST);
            assertNotNull(scts, "a final certificate carries an SCT list");
            checkSctList(ASN1OctetString.getInstance(scts.getParsedValue()).getOctets());
        }
        GeneralNames sans = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        int sanCount = sans.getNames().length;
        assertTrue(sanCount >= 1 && sanCount <= 100, "SAN count " + sanCount);
        maxSans = Math.max(maxSans, sanCount);
        List<String> names = new ArrayList<>();
        for (GeneralName name : sans.getNames()) {
            assertEquals(GeneralName.dNSName, name.getTagNo());
            names.add(name.getName().toString());
        }
        wildcards += names.stream().filter(n -> n.startsWith("*.")).count();
        idnNames += names.stream().filter(n -> n.contains("xn--")).count();
        assertEquals(1, leaf.getSubject().getRDNs(BCStyle.CN).length, "one CN");
        assertTrue(names.contains(leaf.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue().toString()), "CN among SANs");
        withOrganization += leaf.getSubject().getRDNs(BCStyle.O).length > 0 ? 1 : 0;
        extensionsSeen.addAll(List.of(extensions.getExtensionOIDs()));
        String algorithm = leaf.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
        ASN1Encodable parameters = leaf.getSubjectPublicKeyInfo().getAlgorithm().getParameters();
        keyTypes.add(algorithm.equals("1.2.840.113549.1.1.1") ? "rsa" : "ec:" + parameters);
        assertTrue(serials.add(leaf.getSerialNumber().getValue().toString(16)), "serials are unique");
        checkChain(leaf, chain);
        checked++;
    }

    private void checkChain(Certificate leaf, List<byte[]> chain) throws Exception {
        assertTrue(chain.size() >= 1 && chain.size() <= 3, "chain length " + chain.size());
        chainLengths.add(chain.size());
        Certificate child = leaf;
        for (int i = 0; i < chain.size(); i++) {
            Certificate issuer = Certificate.getInstance(chain.get(i));
            assertEquals(issuer.getSubject(), child.getIssuer(), "chain links by name");
            if (i > 0) {
                assertTrue(new X509CertificateHolder(child).isSignatureValid(
                        new JcaContentVerifierProviderBuilder().build(new X509CertificateHolder(issuer))),
                        "each CA certificate is signed by the next one");
            }
            child = issuer;
        }
        assertEquals(child.getSubject(), child.getIssuer(), "the chain ends at a root");
    }

    private static void checkTbsIsPrecertWithoutPoison(byte[] tbsBytes, Certificate precert) {
        TBSCertificate tbs = TBSCertificate.getInstance(tbsBytes);
        TBSCertificate pre = precert.getTBSCertificate();
        assertEquals(pre.getSerialNumber(), tbs.getSerialNumber());
        assertEquals(pre.getSubject(), tbs.getSubject());
        assertEquals(pre.getSubjectPublicKeyInfo(), tbs.getSubjectPublicKeyInfo());
        List<ASN1ObjectIdentifier> expected = new ArrayList<>(List.of(pre.getExtensions().getExtensionOIDs()));
        expected.remove(POISON);
        assertEquals(expected, List.of(tbs.getExtensions().getExtensionOIDs()), "TBS = precert TBS minus the poison");
    }

    /** TLS SignedCertificateTimestampList: 2-byte total, then 2-byte-length v1 SCTs with ECDSA signatures. */
    private static void checkSctList(byte[] list) {
        ByteBuffer in = ByteBuffer.wrap(list);
        assertEquals(list.length - 2, Short.toUnsignedInt(in.getShort()));
        int count = 0;
        while (in.hasRemaining()) {
            int length = Short.toUnsignedInt(in.getShort());
            ByteBuffer sct = ByteBuffer.wrap(list, in.position(), length);
            in.position(in.position() + length);
            assertEquals(0, sct.get(), "SCT v1");
            sct.position(sct.position() + 32 + 8);
            assertEquals(0, sct.getShort(), "no SCT extensions");
            assertEquals(4, sct.get());
            assertEquals(3, sct.get());
            assertEquals(sct.remaining() - 2, Short.toUnsignedInt(sct.getShort()));
            count++;
        }
        assertTrue(count >= 1);
    }
}
