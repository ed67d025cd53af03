package dev.certstream.gateway;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.EntryFacts;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;

/** Small but realistic certstream messages, rendered the way the watcher renders them, for tests. */
final class TestEnvelopes {

    static final String LOG_A = "https://ct.example.com/2026h1/";
    static final String LOG_B = "https://tiles.example.net/log2026/";

    private TestEnvelopes() {
    }

    static CertificateEnvelope of(String logUrl, long index, EntryType type) {
        return sized(logUrl, index, type, 0);
    }

    /** An envelope whose lite message carries about {@code padding} extra bytes of SAN names. */
    static CertificateEnvelope sized(String logUrl, long index, EntryType type, int padding) {
        String domain = "host" + index + ".example.org";
        StringBuilder sans = new StringBuilder("\"" + domain + "\",\"www." + domain + "\"");
        for (int i = 0; sans.length() < padding; i++) {
            sans.append(",\"alt").append(i).append('.').append(domain).append('"');
        }
        return rendered(logUrl, index, type, domain, sans.toString(), EntryFacts.NONE);
    }

    /** An envelope with facts to filter on, its messages listing exactly these domains. */
    static CertificateEnvelope withFacts(String logUrl, long index, EntryType type, String operator, String issuerO,
                                         String issuerCn, String... domains) {
        String sans = domains.length == 0 ? "" : "\"" + String.join("\",\"", domains) + "\"";
        EntryFacts facts = new EntryFacts(operator, 1_700_000_000_123L, java.util.List.of(domains), issuerO, issuerCn,
                null, null);
        return rendered(logUrl, index, type, domains.length == 0 ? "" : domains[0], sans, facts);
    }

    /** A certificate whose leaf and issuance hashes are given (the same certificate logged twice, a precert and its final). */
    static CertificateEnvelope withHashes(String logUrl, long index, EntryType type, String domain, byte[] leafSha256,
                                          byte[] issuanceId) {
        EntryFacts facts = new EntryFacts("Example", 1_700_000_000_123L, java.util.List.of(domain), "Org", "CA",
                leafSha256, issuanceId);
        return rendered(logUrl, index, type, domain, "\"" + domain + "\"", facts);
    }

    private static CertificateEnvelope rendered(String logUrl, long index, EntryType type, String domain, String sans,
                                                EntryFacts facts) {
        String leaf = "{\"subject\":{\"aggregated\":\"/CN=" + domain + "\",\"C\":null,\"CN\":\"" + domain + "\"},"
                + "\"extensions\":{\"basicConstraints\":\"CA:FALSE\"},\"not_before\":1700000000,\"not_after\":1707776000,"
                + "\"serial_number\":\"" + Long.toHexString(index).toUpperCase() + "\",\"all_domains\":[" + sans + "]";
        String source = "\"source\":{\"url\":\"" + logUrl + "\",\"name\":\"Example log\",\"operator\":\"Example\","
                + "\"type\":\"rfc6962\",\"timestamp\":1700000000.123}";
        String common = "\"update_type\":\"" + type.updateType() + "\",\"cert_index\":" + index
                + ",\"cert_link\":\"" + logUrl + "ct/v1/get-entries?start=" + index + "&end=" + index
                + "\",\"seen\":1700000001.5," + source;
        String lite = "{\"message_type\":\"certificate_update\",\"data\":{" + common + ",\"leaf_cert\":" + leaf + "}}}";
        String full = "{\"message_type\":\"certificate_update\",\"data\":{" + common + ",\"leaf_cert\":" + leaf
                + ",\"as_der\":\"MIIBkTCB+wIJAKHBfpegPjMCMA0GCSqGSIb3DQEBCwUA\"},\"chain\":[{\"subject\":{\"CN\":\"Example CA\"}}]}}";
        String domains = "{\"message_type\":\"dns_entries\",\"data\":[" + sans + "]}";
        return new CertificateEnvelope(logUrl, index, type, 1_700_000_001_500_000L, facts,
                Buffer.buffer(full), Buffer.buffer(lite), Buffer.buffer(domains));
    }
}
