package dev.certstream.bench;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.EntryRenderer;
import dev.certstream.render.LogDescription;
import dev.certstream.render.ct.DecodedEntry;
import dev.certstream.render.ct.LeafInputDecoder;

import java.util.List;

/** Envelopes as the watcher makes them: the simulator's entries rendered by the real renderer, on one log. */
final class BenchEnvelopes {

    static final String LOG_URL = "https://ct.example.test/2026h1/";

    private BenchEnvelopes() {
    }

    /** {@code count} envelopes of distinct simulated entries, indices 0..count-1 of {@link #LOG_URL}. */
    static CertificateEnvelope[] rendered(int count) throws Exception {
        List<RawEntries.Raw> raw = RawEntries.simulated(count);
        EntryRenderer renderer = new EntryRenderer(4096);
        LogDescription log = new Log(LOG_URL, "Benchmark log", "Benchmark", "rfc6962");
        CertificateEnvelope[] envelopes = new CertificateEnvelope[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            DecodedEntry decoded = LeafInputDecoder.decode(i, raw.get(i).leafInput(), raw.get(i).extraData(), log.url());
            envelopes[i] = CertificateEnvelope.of(log.url(), log.operator(), decoded, i, renderer.render(decoded, log, i));
        }
        return envelopes;
    }

    /** {@code template}'s certificate as entry {@code index} of {@code logUrl}. */
    static CertificateEnvelope as(CertificateEnvelope template, String logUrl, long index) {
        return new CertificateEnvelope(logUrl, index, template.entryType(), template.seenMicros(), template.facts(),
                template.full(), template.lite(), template.domains());
    }

    /** The benchmark's log, as the renderer sees it. */
    private record Log(String url, String name, String operator, String typeName) implements LogDescription {
    }
}
