package dev.certstream.simulator.entry;


import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Entries made from the certificate pool: entry i of a log is a pure function of (seed, log, i),
 * built by patching a template's name token and serial, so it costs a copy, not a signature. At the
 * shared fraction of indices the issuance is the same in every log (a function of (seed, i) alone) and only
 * whether a log holds its precertificate or final certificate depends on the log.
 */
public final class GeneratedEntries implements EntrySource {

    // Ties entries between a precert and a final certificate like today's logs: most entries are precerts.
    private static final int PRECERT_PERCENT = 65;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final CertificatePool pool;
    private final long salt;
    private final long corruptSalt;
    private final double corruptRate;
    private final long sharedSalt;
    private final double sharedRate;
    private final long epochMs;
    private final Timeline live;
    private final Map<String, byte[]> issuersBySha256 = new HashMap<>();

    /** {@code live}: the log's growth, whose clock stamps the entries; null stamps them from {@code epochMs}. */
    public GeneratedEntries(CertificatePool pool, long seed, String logName, double corruptRate, double sharedRate,
                            long epochMs, Timeline live) {
        this.pool = pool;
        this.salt = SeededRandom.mix(seed, "entries/" + logName);
        this.sharedSalt = SeededRandom.mix(seed, "entries/shared");
        this.sharedRate = sharedRate;
        this.corruptSalt = SeededRandom.mix(seed, "corrupt/" + logName);
        this.corruptRate = corruptRate;
        this.epochMs = epochMs;
        this.live = live != null && live.perSecond() > 0 ? live : null;
        for (IssuerCa ca : pool.issuers.all()) {
            issuersBySha256.put(Bytes.hex(Bytes.sha256(ca.certificateDer)), ca.certificateDer);
        }
    }

    @Override
    public SimulatedEntry entry(long index) {
        long own = SeededRandom.at(salt, index);
        long shared = SeededRandom.at(sharedSalt, index);
        // The issuance (template, name token, serial, timestamp) comes from the shared stream at shared indices.
        long r = sharedRate > 0 && (shared >>> 11) * 0x1.0p-53 < sharedRate ? shared : own;
        LeafTemplate template = pool.templates.get((int) Long.remainderUnsigned(r, pool.templates.size()));
        boolean precert = Long.remainderUnsigned(own >>> 17, 100) < PRECERT_PERCENT;
        byte[] token = token(SeededRandom.mix(r ^ 0x746f6b656eL));
        byte[] serial = serial(SeededRandom.mix(r ^ 0x73657269616cL), SeededRandom.mix(r ^ 0x6c61697265L));
        // Spaced like a log taking ~20 entries a second, with jitter, from the configured epoch; or live.
        long timestampMs = live != null ? live.timestampOf(index) : epochMs + index * 50 + Long.remainderUnsigned(r >>> 29, 50);
        IssuerCa issuer = template.issuer();
        boolean corrupt = isCorrupt(index);
        if (!precert) {
            byte[] cert = corrupt ? garbage(index, template.certificate().length()) : template.certificate().render(token, serial);
            return new SimulatedEntry(index, false, cert, null, null, issuer.chainDer, issuer.chainSha256,
                    timestampMs, corrupt);
        }
        byte[] pre = corrupt ? garbage(index, template.precertificate().length())
                : template.precertificate().render(token, serial);
        byte[] tbs = corrupt ? garbage(~index, template.precertificateTbs().length())
                : template.precertificateTbs().render(token, serial);
        return new SimulatedEntry(index, true, pre, tbs, issuer.keyHash, issuer.chainDer,
                issuer.chainSha256, timestampMs, corrupt);
    }

    @Override
    public boolean isCorrupt(long index) {
        if (corruptRate <= 0) {
            return false;
        }
        long r = SeededRandom.at(corruptSalt, index);
        return (r >>> 11) * 0x1.0p-53 < corruptRate;
    }

    @Override
    public long initialSize(long configured) {
        return configured;
    }

    @Override
    public long clampSize(long wanted) {
        return wanted;
    }

    @Override
    public List<byte[]> roots() {
        return pool.issuers.roots().stream().map(ca -> ca.certificateDer).toList();
    }

    @Override
    public byte[] issuer(String sha256Hex) {
        return issuersBySha256.get(sha256Hex);
    }

    /** Bytes that keep the entry's framing but are no certificate (the first byte is not a SEQUENCE tag). */
    private byte[] garbage(long index, int length) {
        byte[] out = new byte[length];
        SplittableRandom random = new SplittableRandom(SeededRandom.at(corruptSalt ^ 0x6761726261676565L, index));
        random.nextBytes(out);
        out[0] = (byte) 0xde;
        return out;
    }

    private static byte[] token(long bits) {
        byte[] token = new byte[PatchableDer.TOKEN_LENGTH];
        for (int i = 0; i < token.length; i++) {
            token[i] = (byte) ALPHABET.charAt((int) Long.remainderUnsigned(bits, ALPHABET.length()));
            bits = Long.divideUnsigned(bits, ALPHABET.length());
        }
        return token;
    }

    private static byte[] serial(long high, long low) {
        byte[] serial = new byte[PatchableDer.SERIAL_LENGTH];
        Bytes.put(serial, 0, high, 8);
        Bytes.put(serial, 8, low, 8);
        serial[0] = (byte) Math.max(1, serial[0] & 0x7f);
        return serial;
    }
}
