package dev.certstream.simulator.log;

import dev.certstream.simulator.SimulatorConfig;
import dev.certstream.simulator.entry.CertificatePool;
import dev.certstream.simulator.entry.CtEncoding;
import dev.certstream.simulator.entry.GeneratedEntries;

import java.security.MessageDigest;
import java.util.HexFormat;

/** Prints a digest of the first entries of a generated log: run in a fresh JVM to show cross-run determinism. */
public final class EntryDigestProbe {

    private EntryDigestProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(digest(Long.parseLong(args[0]), Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3])));
    }

    /** SHA-256 over the tile encoding of entries 0..count-1 of the named generated log. */
    static String digest(long seed, int poolSize, String logName, int count) throws Exception {
        CertificatePool pool = CertificatePool.of(seed, poolSize, SimulatorConfig.DEFAULT_EPOCH_MS);
        GeneratedEntries entries = new GeneratedEntries(pool, seed, logName, 0.05, 0,
                SimulatorConfig.DEFAULT_EPOCH_MS, null);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int tile = 0; tile * 256 < count; tile++) {
            sha.update(entries.dataTile(tile, Math.min(256, count - tile * 256)));
        }
        LogSigner signer = new LogSigner(seed, logName);
        sha.update(signer.key.spkiDer);
        SimMerkleTree tree = new SimMerkleTree(i -> CtEncoding.tileMerkleTreeLeaf(entries.entry(i)));
        sha.update(signer.treeHeadSignature(1, count, tree.root(count)));
        return HexFormat.of().formatHex(sha.digest());
    }
}
