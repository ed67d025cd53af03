package dev.certstream.simulator.entry;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.cert.X509v3CertificateBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Random;

/** Builds the pool's leaf templates with Bouncy Castle, each from its own seeded random stream. */
final class LeafFactory {

    static final ASN1ObjectIdentifier POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");
    static final ASN1ObjectIdentifier SCT_LIST = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");
    private static final ASN1ObjectIdentifier DV = new ASN1ObjectIdentifier("2.23.140.1.2.1");
    private static final ASN1ObjectIdentifier OV = new ASN1ObjectIdentifier("2.23.140.1.2.2");
    private static final ASN1ObjectIdentifier CA_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.44947.1.1.1");
    private static final long DAY_MS = 86_400_000L;
    private static final String[][] PLACES = {{"US", "California", "San Francisco"}, {"DE", "Bayern", "München"},
        {"FR", "Île-de-France", "Paris"}, {"JP", "Tokyo", "Minato-ku"}, {"BR", "São Paulo", "São Paulo"}};

    private final long seed;
    private final long epochMs;
    private final IssuerHierarchy issuers;
    private final List<SimKey> leafKeys;
    private final SctListMaker scts;

    LeafFactory(long seed, long epochMs, IssuerHierarchy issuers, List<SimKey> leafKeys, SctListMaker scts) {
        this.seed = seed;
        this.epochMs = epochMs;
        this.issuers = issuers;
        this.leafKeys = leafKeys;
        this.scts = scts;
    }

    LeafTemplate build(int number) throws IOException {
        Random random = new SeededRandom(seed, "leaf/" + number);
        byte[] token = token(random);
        byte[] serial = serial(random);
        IssuerCa issuer = issuers.pick(random.nextInt(100));
        SimKey key = leafKeys.get(random.nextInt(leafKeys.size()));
        int sanCount = DomainNames.sanCount(random);
        List<String> names = DomainNames.names(random, new String(token, StandardCharsets.US_ASCII), sanCount);
        long notBefore = epochMs - random.nextInt(30) * DAY_MS - random.nextInt(86_400) * 1000L;
        long lifetimeDays = new long[] {90, 90, 47, 397, 6}[random.nextInt(5)];

        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer.name, new BigInteger(1, serial),
                new Date(notBefore), new Date(notBefore + lifetimeDays * DAY_MS - 1000), subject(random, names.get(0)),
                key.spki);
        addExtensions(builder, random, issuer, key, names);

        byte[] tbs = builder.build(new NoSignatureSigner(issuer.key.certificateSigner().getAlgorithmIdentifier()))
                .toASN1Structure().getTBSCertificate().getEncoded();
        builder.addExtension(POISON, true, DERNull.INSTANCE);
        byte[] precert = builder.build(issuer.key.certificateSigner()).getEncoded();
        builder.removeExtension(POISON);
        builder.addExtension(SCT_LIST, false, new DEROctetString(scts.sctList(notBefore)));
        byte[] cert = builder.build(issuer.key.certificateSigner()).getEncoded();
        return new LeafTemplate(issuer, new PatchableDer(precert, token, serial), new PatchableDer(cert, token, serial),
                new PatchableDer(tbs, token, serial), names.size());
    }

    private static org.bouncycastle.asn1.x500.X500Name subject(Random random, String commonName) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        if (random.nextInt(10) < 3) {
            String[] place = PLACES[random.nextInt(PLACES.length)];
            name.addRDN(BCStyle.C, place[0]).addRDN(BCStyle.ST, place[1]).addRDN(BCStyle.L, place[2]);
            name.addRDN(BCStyle.O, "Simulated Holdings " + (char) ('A' + random.nextInt(26)));
            if (random.nextBoolean()) {
                name.addRDN(BCStyle.OU, "IT Operations");
            }
        }
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    private static void addExtensions(X509v3CertificateBuilder builder, Random random, IssuerCa issuer, SimKey key,
                                      List<String> names) throws IOException {
        int usage = KeyUsage.digitalSignature | (key.kind == SimKey.Kind.RSA2048 ? KeyUsage.keyEncipherment : 0);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        builder.addExtension(Extension.extendedKeyUsage, false, random.nextBoolean()
                ? new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)
                : new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectKeyIdentifier, false, IssuerCa.subjectKeyId(key));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(issuer.subjectKeyId.getKeyIdentifier()));
        String caHost = "http://" + issuer.label + ".sim-ca.example";
        AccessDescription caIssuers = new AccessDescription(AccessDescription.id_ad_caIssuers,
                new GeneralName(GeneralName.uniformResourceIdentifier, caHost + "/cert.der"));
        builder.addExtension(Extension.authorityInfoAccess, false, random.nextInt(5) == 0
                ? new AuthorityInformationAccess(caIssuers)
                : new AuthorityInformationAccess(new AccessDescription[] {new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, caHost + "/ocsp")), caIssuers}));
        GeneralName[] sans = names.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        builder.addExtension(Extension.certificatePolicies, false, policies(random));
        if (random.nextBoolean()) {
            DistributionPointName where = new DistributionPointName(new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, caHost + "/" + random.nextInt(128) + ".crl")));
            builder.addExtension(Extension.cRLDistributionPoints, false,
                    new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(where, null, null)}));
        }
    }

    private static CertificatePolicies policies(Random random) {
        PolicyInformation baseline = new PolicyInformation(random.nextInt(4) == 0 ? OV : DV);
        if (random.nextBoolean()) {
            return new CertificatePolicies(baseline);
        }
        PolicyInformation withCps = new PolicyInformation(CA_POLICY, new DERSequence(
                new PolicyQualifierInfo("http://cps.sim-ca.example/")));
        return new CertificatePolicies(new PolicyInformation[] {baseline, withCps});
    }

    /** Lowercase letters and digits only, so it is valid in every string type and DNS label. */
    static byte[] token(Random random) {
        byte[] token = new byte[PatchableDer.TOKEN_LENGTH];
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < token.length; i++) {
            token[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return token;
    }

    /** A positive 16-byte serial whose DER INTEGER is exactly 16 content bytes (first byte 0x01..0x7f). */
    static byte[] serial(Random random) {
        byte[] serial = new byte[PatchableDer.SERIAL_LENGTH];
        random.nextBytes(serial);
        serial[0] = (byte) Math.max(1, serial[0] & 0x7f);
        return serial;
    }
}
