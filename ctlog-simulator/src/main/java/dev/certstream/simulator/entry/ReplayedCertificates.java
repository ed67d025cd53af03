package dev.certstream.simulator.entry;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An RFC 6962 log whose entries are the certificates of a directory (PEM or DER files, in file
 * name order): poisoned ones become precert entries, chains are found by name among the files.
 */
public final class ReplayedCertificates implements EntrySource {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private final List<SimulatedEntry> entries;
    private final List<byte[]> roots;

    private ReplayedCertificates(List<SimulatedEntry> entries, List<byte[]> roots) {
        this.entries = entries;
        this.roots = roots;
    }

    /** Reads every .pem/.crt/.cer/.der file of {@code dir} (not recursive). */
    public static ReplayedCertificates load(Path dir, long epochMs) throws IOException {
        List<byte[]> ders = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("(?i).*\\.(pem|crt|cer|der)$")).sorted().toList()) {
                ders.addAll(read(file));
            }
        }
        if (ders.isEmpty()) {
            throw new IOException("no certificates (.pem, .crt, .cer, .der) in " + dir);
        }
        List<Certificate> parsed = ders.stream().map(ReplayedCertificates::parse).toList();
        List<SimulatedEntry> entries = new ArrayList<>();
        List<byte[]> roots = new ArrayList<>();
        for (int i = 0; i < ders.size(); i++) {
            Certificate cert = parsed.get(i);
            long timestampMs = epochMs + 1000L * i;
            try {
                entries.add(entry(i, ders.get(i), cert, parsed, ders, timestampMs));
            } catch (RuntimeException e) {
                // Odd but parseable certificates (e.g. a poison extension we cannot strip) are still logged as they are.
                entries.add(new SimulatedEntry(i, false, ders.get(i), null, null, List.of(), List.of(), timestampMs, false));
            }
            if (cert != null && cert.getSubject().equals(cert.getIssuer())) {
                roots.add(ders.get(i));
            }
        }
        return new ReplayedCertificates(List.copyOf(entries), List.copyOf(roots));
    }

    private static List<byte[]> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            return List.of(bytes);
        }
        List<byte[]> out = new ArrayList<>();
        Matcher matcher = PEM.matcher(text);
        while (matcher.find()) {
            out.add(Base64.getMimeDecoder().decode(matcher.group(1)));
        }
        return out;
    }

    private static Certificate parse(byte[] der) {
        try {
            return Certificate.getInstance(der);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static SimulatedEntry entry(int index, byte[] der, Certificate cert, List<Certificate> all, List<byte[]> ders,
                                        long timestampMs) {
        if (cert == null) {
            return new SimulatedEntry(index, false, der, null, null, List.of(), List.of(), timestampMs, true);
        }
        List<byte[]> chain = new ArrayList<>();
        Certificate current = cert;
        while (chain.size() < 3 && !current.getSubject().equals(current.getIssuer())) {
            int issuer = findSubject(all, current.getIssuer());
            if (issuer < 0) {
                break;
            }
            chain.add(ders.get(issuer));
            current = all.get(issuer);
        }
        List<byte[]> chainSha256 = chain.stream().map(Bytes::sha256).toList();
        Extensions extensions = cert.getTBSCertificate().getExtensions();
        if (extensions == null || extensions.getExtension(LeafFactory.POISON) == null) {
            return new SimulatedEntry(index, false, der, null, null, chain, chainSha256, timestampMs, false);
        }
        int issuer = findSubject(all, cert.getIssuer());
        byte[] issuerKeyHash = issuer < 0 ? new byte[32]
                : Bytes.sha256(encode(all.get(issuer).getSubjectPublicKeyInfo()));
        return new SimulatedEntry(index, true, der, tbsWithoutPoison(cert), issuerKeyHash, chain,
                chainSha256, timestampMs, false);
    }

    private static int findSubject(List<Certificate> all, org.bouncycastle.asn1.x500.X500Name name) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) != null && all.get(i).getSubject().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The TBSCertificate with the poison extension removed: what a precert leaf_input holds. */
    static byte[] tbsWithoutPoison(Certificate cert) {
        ASN1Sequence tbs = ASN1Sequence.getInstance(cert.getTBSCertificate().toASN1Primitive());
        ASN1EncodableVector fields = new ASN1EncodableVector();
        for (ASN1Encodable field : tbs) {
            if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                ASN1EncodableVector kept = new ASN1EncodableVector();
                for (ASN1Encodable extension : ASN1Sequence.getInstance(tagged.getExplicitBaseObject())) {
                    if (!Extension.getInstance(extension).getExtnId().equals(LeafFactory.POISON)) {
                        kept.add(extension);
                    }
                }
                fields.add(new DERTaggedObject(true, 3, new DERSequence(kept)));
            } else {
                fields.add(field);
            }
        }
        return encode(new DERSequence(fields));
    }

    private static byte[] encode(ASN1Encodable object) {
        try {
            return object.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("cannot re-encode", e);
        }
    }

    @Override
    public SimulatedEntry entry(long index) {
        return entries.get((int) index);
    }

    @Override
    public boolean isCorrupt(long index) {
        return index >= 0 && index < entries.size() && entries.get((int) index).corrupt();
    }

    /** All files from the start: a replay is a fixed tree. */
    @Override
    public long initialSize(long configured) {
        return entries.size();
    }

    @Override
    public long clampSize(long wanted) {
        return Math.min(wanted, entries.size());
    }

    @Override
    public List<byte[]> roots() {
        return roots;
    }

    @Override
    public byte[] issuer(String sha256Hex) {
        return null;
    }
}
