package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import static dev.certstream.gateway.GatewayHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code unique=certificate} leaves out a certificate another log already had, {@code unique=issuance} also the
 * final certificate of a precertificate already sent (and the other way round); the first entry wins, the same
 * for live clients and for replays, and a filter by log makes "first" mean first in that log.
 */
class GatewayUniqueTest {

    private static final String A = "https://a.example/log/";
    private static final String B = "https://b.example/log/";
    private static final String C = "https://c.example/log/";
    private GatewayHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static byte[] sha(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Per issuance n: its precertificate in log A, the same precertificate in log B, its final certificate in
     * log C, and for odd n the final certificate again in log A. Returned in publishing order.
     */
    private static List<CertificateEnvelope> issuances(int count) {
        List<CertificateEnvelope> all = new ArrayList<>();
        long[] next = {0, 0, 0};
        for (int n = 0; n < count; n++) {
            byte[] issuance = sha("issuance " + n);
            byte[] precert = sha("precert " + n);
            byte[] cert = sha("cert " + n);
            String name = "host" + n + ".example.org";
            all.add(TestEnvelopes.withHashes(A, next[0]++, EntryType.PRECERT, name, precert, issuance));
            all.add(TestEnvelopes.withHashes(B, next[1]++, EntryType.PRECERT, name, precert, issuance));
            all.add(TestEnvelopes.withHashes(C, next[2]++, EntryType.X509, name, cert, issuance));
            if (n % 2 == 1) {
                all.add(TestEnvelopes.withHashes(A, next[0]++, EntryType.X509, name, cert, issuance));
            }
        }
        return all;
    }

    private static String key(CertificateEnvelope e) {
        return e.logUrl() + e.index();
    }

    @Test
    void eachCertificateOrIssuanceOnceLiveAndReplayed() {
        harness = GatewayHarness.start(GatewayResumeTest.config(), true);
        FrameRecorder everything = harness.record("/");
        FrameRecorder certificates = harness.record("/?unique=certificate&cursor=1");
        FrameRecorder issuances = harness.record("/?unique=issuance");
        FrameRecorder onlyB = harness.record("/?unique=certificate&log=" + B);
        List<CertificateEnvelope> sent = issuances(40);
        List<CertificateEnvelope> firstHalf = sent.subList(0, sent.size() / 2);
        firstHalf.forEach(harness::publish);
        waitUntil("the first half", () -> everything.certificates().size() == firstHalf.size());
        // Its own socket: the unique client may be behind the plain one; any cursor it holds will do.
        waitUntil("a cursor at the unique client", () -> ResumeClient.lastCursor(certificates.texts) != null);
        String midway = ResumeClient.lastCursor(certificates.texts);
        sent.subList(sent.size() / 2, sent.size()).forEach(harness::publish);
        waitUntil("everything", () -> everything.certificates().size() == sent.size());

        // Per issuance n: the precertificate first in A; in B the same precertificate; the final in C (and in A).
        List<String> firstOfCertificate = new ArrayList<>();
        List<String> firstOfIssuance = new ArrayList<>();
        List<String> seenCertificates = new ArrayList<>();
        List<String> seenIssuances = new ArrayList<>();
        for (CertificateEnvelope e : sent) {
            String leaf = java.util.HexFormat.of().formatHex(e.facts().leafSha256());
            String issuance = java.util.HexFormat.of().formatHex(e.facts().issuanceId());
            if (!seenCertificates.contains(leaf)) {
                seenCertificates.add(leaf);
                firstOfCertificate.add(key(e));
            }
            if (!seenIssuances.contains(issuance)) {
                seenIssuances.add(issuance);
                firstOfIssuance.add(key(e));
            }
        }
        List<String> inB = sent.stream().filter(e -> e.logUrl().equals(B)).map(GatewayUniqueTest::key).toList();
        waitUntil("the unique clients got theirs", () -> ResumeClient.keys(certificates.texts).size() == firstOfCertificate.size()
                && ResumeClient.keys(issuances.texts).size() == firstOfIssuance.size()
                && ResumeClient.keys(onlyB.texts).size() == inB.size());
        assertEquals(sent.stream().map(GatewayUniqueTest::key).toList(), ResumeClient.keys(everything.texts), "unchanged without the option");
        assertEquals(firstOfCertificate, ResumeClient.keys(certificates.texts));
        assertEquals(firstOfIssuance, ResumeClient.keys(issuances.texts));
        assertTrue(firstOfIssuance.size() < firstOfCertificate.size() && firstOfCertificate.size() < sent.size());
        // Log B's precertificates were all first sent from A, but within log B each is the first of its certificate.
        assertEquals(inB, ResumeClient.keys(onlyB.texts), "a filter by log: first within the filter");

        // A replay from midway applies the same claims: exactly the firsts after the cursor.
        FrameRecorder resumed = harness.record("/?unique=certificate&since=" + midway);
        List<String> afterMidway = firstOfCertificate.subList(ResumeClient.keys(certificates.texts).indexOf(
                lastKeyBefore(certificates, midway)) + 1, firstOfCertificate.size());
        waitUntil("the replay", () -> ResumeClient.keys(resumed.texts).size() == afterMidway.size());
        assertEquals(afterMidway, ResumeClient.keys(resumed.texts));
        JsonObject unique = harness.get("/stats").json().getJsonObject("unique");
        assertTrue(unique.getLong("repeats_left_out") >= sent.size() - firstOfCertificate.size(), unique.encode());
    }

    /** The certificate after which the client was given this cursor. */
    private static String lastKeyBefore(FrameRecorder client, String cursor) {
        String last = null;
        for (io.vertx.core.buffer.Buffer text : client.texts) {
            JsonObject message = new JsonObject(text);
            if (ResumeClient.key(message) != null) {
                last = ResumeClient.key(message);
            }
            if (cursor.equals(message.getString("cursor"))) {
                return last;
            }
        }
        throw new AssertionError("cursor not found");
    }
}
