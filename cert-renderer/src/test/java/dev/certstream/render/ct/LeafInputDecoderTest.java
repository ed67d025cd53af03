package dev.certstream.render.ct;

import dev.certstream.testing.TlsTestWriter;

import dev.certstream.testing.TestData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real RFC 6962 get-entries responses, and leaf_input / extra_data broken in every way. */
class LeafInputDecoderTest {

    private static final ASN1ObjectIdentifier CT_POISON = new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.3");
    private static final String LINK = "https://log.example/ct/v1/get-entries?start=7&end=7";

    /** Timestamps, types, chain lengths and leaf SHA-256 read with a separate Python script (struct.unpack). */
    @Test
    void decodesTheFourEntryPilotResponse() throws Exception {
        List<DecodedEntry> entries = decodeAll("rfc6962/ctgo-scanner-FourEntries.get-entries.json");
        assertEquals(List.of(1364258252899L, 1364288407155L, 1364288407155L, 1364288407156L),
                entries.stream().map(DecodedEntry::timestampMs).toList());
        assertEquals(List.of(2, 3, 3, 2), entries.stream().map(e -> e.chainDer().size()).toList());
        assertEquals(List.of("3da4491e26c4d9c3d57ff67002de0747d458571ab472a02b49b8e16ae00451a6",
                "b84930f6255d1d1fbcca7b75d21ca4fd12ae12f33503db51c36d75a905755987",
                "8922960a3b3ba1eeca607d5577541138d50a3b0b46c8e0c21c0cd828ae1a5bf5",
                "15774f2885bb7b78064fd05a794bd9082abf8b9fe8cecd86b5b0441e893ebaa5"),
                entries.stream().map(e -> TestData.hex(TestData.sha256(e.leafDer()))).toList());
        for (DecodedEntry entry : entries) {
            assertEquals(EntryType.X509, entry.type());
            assertEquals(LINK, entry.certLink());
            assertIssuedByFirstChainCertificate(entry);
        }
        // A leaf whose PEM is in testdata/certs must come out byte for byte.
        assertArrayEquals(pemDer("certs/15774f2885bb7b78064fd05a794bd9082abf8b9fe8cecd86b5b0441e893ebaa5.pem"),
                entries.get(3).leafDer());
    }

    @Test
    void decodesAPrecertEntryToItsPreCertificate() throws Exception {
        JsonNode json = entriesJson("rfc6962/ctgo-logclient-precert-and-cert.get-entries.json");
        List<DecodedEntry> entries = decodeAll("rfc6962/ctgo-logclient-precert-and-cert.get-entries.json");
        DecodedEntry precert = entries.get(0);
        assertEquals(EntryType.PRECERT, precert.type());
        assertEquals(1422867427528L, precert.timestampMs());
        assertEquals(3, precert.chainDer().size());
        assertEquals("7b77e4121ded6d982da6ef24103d07da30de83f973f5093474339c709ae27f42",
                TestData.hex(TestData.sha256(precert.leafDer())));
        Certificate preCertificate = Certificate.getInstance(precert.leafDer());
        assertNotNull(preCertificate.getTBSCertificate().getExtensions().getExtension(CT_POISON),
                "the leaf must be the pre_certificate, which carries the poison extension");
        assertIssuedByFirstChainCertificate(precert);

        TlsTimestampedEntry leaf = LeafInputDecoder.decodeLeafInput(0,
                Base64.getDecoder().decode(json.get(0).get("leaf_input").asText()), LINK);
        assertArrayEquals(tbsWithoutPoison(preCertificate), leaf.tbs(),
                "the TBS the log signed is the pre-certificate's TBS minus the poison");
        byte[] issuerSpki = Certificate.getInstance(precert.chainDer().get(0)).getSubjectPublicKeyInfo()
                .getEncoded(ASN1Encoding.DER);
        assertArrayEquals(TestData.sha256(issuerSpki), leaf.issuerKeyHash());

        DecodedEntry x509 = entries.get(1);
        assertEquals(EntryType.X509, x509.type());
        assertEquals(1415843953342L, x509.timestampMs());
        assertEquals(2, x509.chainDer().size());
        assertArrayEquals(pemDer("certs/1b6dc51fffa04e118edaa0e0f68d71b2d39fac218223de561e7e6a7caba514a1.pem"),
                x509.leafDer());
        assertNull(Certificate.getInstance(x509.leafDer()).getTBSCertificate().getExtensions().getExtension(CT_POISON));
    }

    @Test
    void everyTruncationIsAnEntryDecodeException() throws Exception {
        for (JsonNode entry : entriesJson("rfc6962/ctgo-logclient-precert-and-cert.get-entries.json")) {
            byte[] leaf = Base64.getDecoder().decode(entry.get("leaf_input").asText());
            byte[] extra = Base64.getDecoder().decode(entry.get("extra_data").asText());
            for (int length = 0; length < leaf.length; length++) {
                byte[] cut = Arrays.copyOf(leaf, length);
                assertFails(() -> LeafInputDecoder.decode(9, cut, extra, LINK), null);
            }
            for (int length = 0; length < extra.length; length++) {
                byte[] cut = Arrays.copyOf(extra, length);
                assertFails(() -> LeafInputDecoder.decode(9, leaf, cut, LINK), null);
            }
            assertFails(() -> LeafInputDecoder.decode(9, Arrays.copyOf(leaf, leaf.length + 1), extra, LINK),
                    "unexpected bytes after MerkleTreeLeaf");
            assertFails(() -> LeafInputDecoder.decode(9, leaf, Arrays.copyOf(extra, extra.length + 1), LINK),
                    "unexpected bytes after extra_data");
        }
    }

    @Test
    void checksVersionLeafTypeAndEntryType() throws Exception {
        JsonNode entry = entriesJson("rfc6962/ctgo-scanner-FourEntries.get-entries.json").get(0);
        byte[] leaf = Base64.getDecoder().decode(entry.get("leaf_input").asText());
        byte[] extra = Base64.getDecoder().decode(entry.get("extra_data").asText());
        assertFails(() -> LeafInputDecoder.decode(3, with(leaf, 0, 1), extra, LINK), "unsupported version 1");
        assertFails(() -> LeafInputDecoder.decode(3, with(leaf, 1, 1), extra, LINK), "unknown leaf_type 1");
        assertFails(() -> LeafInputDecoder.decode(3, with(leaf, 11, 2), extra, LINK), "unknown entry_type 2");
    }

    @Test
    void rejectsEmptyCertificatesAndBadBase64() {
        byte[] leaf = new TlsTestWriter().uint(1, 0).uint(1, 0).uint(8, 5).uint(2, 0).opaque(3, new byte[0])
                .opaque(2, new byte[0]).toBytes();
        byte[] noChain = new TlsTestWriter().opaque(3, new byte[0]).toBytes();
        assertFails(() -> LeafInputDecoder.decode(1, leaf, noChain, LINK), "empty certificate");

        byte[] goodLeaf = new TlsTestWriter().uint(1, 0).uint(1, 0).uint(8, 5).uint(2, 0).opaque(3, new byte[] {0x30})
                .opaque(2, new byte[0]).toBytes();
        byte[] emptyChainCert = new TlsTestWriter().opaque(3, new TlsTestWriter().opaque(3, new byte[0]).toBytes())
                .toBytes();
        assertFails(() -> LeafInputDecoder.decode(1, goodLeaf, emptyChainCert, LINK), "empty chain certificate 0");
        assertFails(() -> LeafInputDecoder.decodeBase64(1, "AAE*", "AAAA", LINK), "invalid base64");
        assertFails(() -> LeafInputDecoder.decodeBase64(1, null, "AAAA", LINK), "missing");
    }

    /** Random corruption may decode or fail, but only ever as an EntryDecodeException naming the entry. */
    @Test
    void randomCorruptionNeverThrowsAnythingElse() throws Exception {
        Random random = new Random(6962);
        for (JsonNode entry : entriesJson("rfc6962/ctgo-logclient-precert-and-cert.get-entries.json")) {
            byte[] leaf = Base64.getDecoder().decode(entry.get("leaf_input").asText());
            byte[] extra = Base64.getDecoder().decode(entry.get("extra_data").asText());
            for (int round = 0; round < 2000; round++) {
                byte[] badLeaf = leaf.clone();
                byte[] badExtra = extra.clone();
                byte[] target = random.nextBoolean() ? badLeaf : badExtra;
                // Hit the length prefixes and type bytes near the start more often than the certificate bodies.
                int at = random.nextBoolean() ? random.nextInt(Math.min(20, target.length)) : random.nextInt(target.length);
                target[at] = (byte) random.nextInt(256);
                try {
                    LeafInputDecoder.decode(round, badLeaf, badExtra, LINK);
                } catch (EntryDecodeException e) {
                    assertEquals(round, e.index());
                    assertEquals(LINK, e.source());
                }
            }
        }
    }

    private static List<DecodedEntry> decodeAll(String path) throws Exception {
        List<DecodedEntry> entries = new ArrayList<>();
        for (JsonNode entry : entriesJson(path)) {
            entries.add(LeafInputDecoder.decodeBase64(entries.size(), entry.get("leaf_input").asText(),
                    entry.get("extra_data").asText(), LINK));
        }
        return entries;
    }

    private static JsonNode entriesJson(String path) throws Exception {
        return new ObjectMapper().readTree(TestData.bytes(path)).get("entries");
    }

    private static void assertIssuedByFirstChainCertificate(DecodedEntry entry) {
        Certificate leaf = Certificate.getInstance(entry.leafDer());
        Certificate issuer = Certificate.getInstance(entry.chainDer().get(0));
        assertEquals(issuer.getSubject(), leaf.getIssuer(), "chain[0] is the leaf's issuer");
        for (byte[] der : entry.chainDer()) {
            assertNotNull(Certificate.getInstance(der), "every chain element is a certificate");
        }
    }

    /** Rebuilds the TBSCertificate with the poison extension taken out, as RFC 6962 §3.2 defines it. */
    private static byte[] tbsWithoutPoison(Certificate preCertificate) throws Exception {
        ASN1Sequence tbs = ASN1Sequence.getInstance(preCertificate.getTBSCertificate().toASN1Primitive());
        ASN1EncodableVector rebuilt = new ASN1EncodableVector();
        for (var element : tbs) {
            if (element instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                Extensions extensions = Extensions.getInstance(tagged.getExplicitBaseObject());
                List<Extension> kept = new ArrayList<>();
                for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                    if (!oid.equals(CT_POISON)) {
                        kept.add(extensions.getExtension(oid));
                    }
                }
                rebuilt.add(new DERTaggedObject(true, 3, new Extensions(kept.toArray(new Extension[0]))));
            } else {
                rebuilt.add(element);
            }
        }
        return new DERSequence(rebuilt).getEncoded(ASN1Encoding.DER);
    }

    private static byte[] pemDer(String path) {
        String pem = new String(TestData.bytes(path), java.nio.charset.StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static byte[] with(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private interface Decode {
        DecodedEntry run() throws EntryDecodeException;
    }

    private static void assertFails(Decode decode, String messagePart) {
        EntryDecodeException e = assertThrows(EntryDecodeException.class, decode::run);
        if (messagePart != null) {
            assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        }
    }
}
