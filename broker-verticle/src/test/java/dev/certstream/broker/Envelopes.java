package dev.certstream.broker;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;

/** Small but realistic certstream messages for tests, rendered the way the watcher renders them. */
final class Envelopes {

    static final String LOG_A = "https://ct.example.com/2026h1/";
    static final String LOG_B = "https://tiles.example.net/log2026/";

    private Envelopes() {
    }

    static CertificateEnvelope of(String logUrl, long index, EntryType type) {
        String domain = "host" + index + ".example.org";
        String leaf = "{\"subject\":{\"aggregated\":\"/CN=" + domain + "\",\"CN\":\"" + domain + "\"},"
                + "\"all_domains\":[\"" + domain + "\",\"www." + domain + "\"],\"serial_number\":\"" + Long.toHexString(index).toUpperCase() + "\"";
        String source = "\"source\":{\"url\":\"" + logUrl + "\",\"name\":\"Example log\",\"operator\":\"Example\",\"type\":\"rfc6962\",\"timestamp\":1700000000.123}";
        String common = "\"update_type\":\"" + type.updateType() + "\",\"cert_index\":" + index
                + ",\"cert_link\":\"" + logUrl + "ct/v1/get-entries?start=" + index + "&end=" + index + "\",\"seen\":1700000001.5," + source;
        String lite = "{\"message_type\":\"certificate_update\",\"data\":{" + common + ",\"leaf_cert\":" + leaf + "}}}";
        String full = "{\"message_type\":\"certificate_update\",\"data\":{" + common + ",\"leaf_cert\":" + leaf
                + ",\"as_der\":\"MIIB\"},\"chain\":[]}}";
        String domains = "{\"message_type\":\"dns_entries\",\"data\":[\"" + domain + "\",\"www." + domain + "\"]}";
        return new CertificateEnvelope(logUrl, index, type, 1_700_000_001_500_000L,
                Buffer.buffer(full), Buffer.buffer(lite), Buffer.buffer(domains));
    }
}
