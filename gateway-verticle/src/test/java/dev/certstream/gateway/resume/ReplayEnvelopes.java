package dev.certstream.gateway.resume;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.contract.EntryFacts;
import dev.certstream.render.ct.EntryType;
import io.vertx.core.buffer.Buffer;

import java.util.List;
import java.util.Random;

/** Envelopes for the resume tests: tagged with their log and index, padded with bytes that do not compress. */
final class ReplayEnvelopes {

    static final String LOG_A = "https://a.example/log/";
    static final String LOG_B = "https://b.example/log/";

    private ReplayEnvelopes() {
    }

    static CertificateEnvelope of(String log, long index, int randomBytes) {
        byte[] noise = new byte[randomBytes];
        new Random(index * 31 + log.hashCode()).nextBytes(noise);
        String pad = java.util.HexFormat.of().formatHex(noise);
        String name = "n" + index + ".example.org";
        EntryFacts facts = new EntryFacts("Op", 1_700_000_000_000L + index, List.of(name), "Org", "CN",
                new byte[32], new byte[32]);
        return new CertificateEnvelope(log, index, EntryType.X509, 1_700_000_000_000_000L + index, facts,
                Buffer.buffer("{\"full\":\"" + log + index + pad + "\"}"), Buffer.buffer("{\"lite\":\"" + log + index + "\"}"),
                Buffer.buffer("{\"dns\":\"" + name + "\"}"));
    }

    static String key(CertificateEnvelope envelope) {
        return envelope.logUrl() + envelope.index();
    }
}
