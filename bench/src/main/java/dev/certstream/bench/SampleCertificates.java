package dev.certstream.bench;

import dev.certstream.contract.CertificateEnvelope;
import dev.certstream.render.ct.EntryType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Realistic certstream renderings for benchmarks, built the way the watcher builds them: the leaf and chain
 * of a real certstream message (CaliDog's example, MIT, the same as testdata/certstream-format) with a
 * fresh index, link, source and {@code seen} per certificate. The lite message is about 1.5 KB, as on the
 * public streams.
 */
public final class SampleCertificates {

    static final String RESOURCE = "calidog-example.json";
    /** Size of the stand-in DER of {@code as_der}: a typical leaf with SCTs is 1.2-1.6 KB. */
    private static final int DER_BYTES = 1300;

    /** How long before {@code seen} the log stamped the entry: the typical merge delay plus a poll. */
    private static final long LOG_DELAY_MILLIS = 2_000;

    private final String leafLite;
    private final String leafFull;
    private final String chain;
    private final String allDomains;
    private final boolean direct;
    /** Brands of {@link FilterWorkload} that certificate names may carry (0: none, no filter benchmark). */
    private int brands;
    private boolean hostile;

    private SampleCertificates(JsonObject example, boolean direct) {
        this.direct = direct;
        JsonObject data = example.getJsonObject("data");
        JsonObject leaf = data.getJsonObject("leaf_cert");
        leaf.remove("as_der");
        this.leafLite = leaf.encode();
        byte[] der = new byte[DER_BYTES];
        new Random(DER_BYTES).nextBytes(der);
        this.leafFull = leaf.copy().put("as_der", Base64.getEncoder().encodeToString(der)).encode();
        this.chain = data.getJsonArray("chain", new JsonArray()).encode();
        this.allDomains = leaf.getJsonArray("all_domains", new JsonArray()).encode();
    }

    /** The samples from the bundled example message, in heap buffers (as {@code Buffer.buffer(String)} makes). */
    public static SampleCertificates load() {
        return load(false);
    }

    /**
     * The samples; {@code direct} puts each rendering in an off-heap buffer, which Netty can hand to the
     * socket without the per-socket heap-to-direct copy (a bench knob to measure what that copy costs).
     */
    public static SampleCertificates load(boolean direct) {
        try (InputStream in = SampleCertificates.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            return new SampleCertificates(new JsonObject(Buffer.buffer(in.readAllBytes())), direct);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets certificate names carry the brands of the first {@code count} {@link FilterWorkload} filters. */
    public SampleCertificates withBrands(int count) {
        brands = count;
        return this;
    }

    /** Gives every tenth certificate the long names of 'a's of {@link FilterWorkload#hostileFacts}. */
    public SampleCertificates withHostileNames() {
        hostile = true;
        return this;
    }

    /** One certificate of log {@code logUrl} at {@code index}, seen at {@code seenMicros}, in all renderings. */
    public CertificateEnvelope envelope(String logUrl, String logName, long index, long seenMicros) {
        String seen = seconds(seenMicros);
        String common = "\"update_type\":\"X509LogEntry\",\"cert_index\":" + index
                + ",\"cert_link\":\"" + logUrl + "ct/v1/get-entries?start=" + index + "&end=" + index
                + "\",\"seen\":" + seen
                + ",\"source\":{\"url\":\"" + logUrl + "\",\"name\":\"" + logName
                + "\",\"operator\":\"Bench operator\",\"type\":\"rfc6962\",\"timestamp\":" + java.math.BigDecimal.valueOf(seenMicros / 1000 - LOG_DELAY_MILLIS, 3).toPlainString()
                + "}";
        String lite = "{\"message_type\":\"certificate_update\",\"data\":{" + common + ",\"leaf_cert\":" + leafLite + "}}";
        String full = "{\"message_type\":\"certificate_update\",\"data\":{" + common + ",\"leaf_cert\":" + leafFull
                + ",\"chain\":" + chain + "}}";
        String domains = "{\"message_type\":\"dns_entries\",\"data\":" + allDomains + "}";
        // The facts (what filters match) vary per certificate; the renderings are the example's, which only
        // clients read, and no bench client parses names.
        return new CertificateEnvelope(logUrl, index, EntryType.X509, seenMicros, hostile && index % 10 == 0
                ? FilterWorkload.hostileFacts(index) : FilterWorkload.facts(index, brands),
                bytes(full), bytes(lite), bytes(domains));
    }

    private Buffer bytes(String json) {
        if (!direct) {
            return Buffer.buffer(json);
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        ByteBuf off = Unpooled.directBuffer(utf8.length).writeBytes(utf8);
        // Unreleasable: every socket writes a slice of it, and the GC frees it with the envelope.
        return BufferInternal.buffer(Unpooled.unreleasableBuffer(off));
    }

    /** Epoch seconds with six decimals, as the wire format writes {@code seen}. */
    static String seconds(long micros) {
        long whole = Math.floorDiv(micros, 1_000_000L);
        long fraction = Math.floorMod(micros, 1_000_000L);
        String digits = Long.toString(fraction);
        return whole + "." + "000000".substring(digits.length()) + digits;
    }
}
